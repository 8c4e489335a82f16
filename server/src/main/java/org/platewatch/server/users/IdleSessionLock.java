package org.platewatch.server.users;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.platewatch.server.platform.ProblemType;
import org.platewatch.server.platform.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The console's idle lock (CJIS 5.5.5): a session in which its member did nothing for
 * {@code platewatch.users.idle-lock} (30 minutes) ends, even while its pages keep polling. The servlet
 * container's own timeout cannot do this, because every request renews it, the cameras table's refresh and the
 * alert stream included.
 *
 * <p>So the session keeps the time of its member's last action, and only requests a person made count as one.
 * Background requests do not: those that carry {@code X-Platewatch-Background: 1} (the console's polling elements
 * and scripts set it), server-sent event streams ({@code Accept: text/event-stream}; an EventSource cannot set
 * headers) and sub-resources a page loads by itself ({@code Sec-Fetch-Dest} image, script, style, font). A request
 * that arrives after the idle time ends the session first: a page is sent to {@code /login?idle}, an API call gets
 * 401 problem+json, and the alert stream is ended by its next heartbeat ({@link #lapsed}).
 *
 * <p>Runs after Spring Security has restored the session's member and before {@link MemberSessionRefresh}.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 100)
public class IdleSessionLock extends OncePerRequestFilter {

    /** The header the console's background requests carry. */
    public static final String BACKGROUND_HEADER = "X-Platewatch-Background";
    /** The session attribute holding the member's last action. */
    static final String LAST_ACTION = IdleSessionLock.class.getName() + ".LAST_ACTION";

    private static final Set<String> SUB_RESOURCES = Set.of("image", "script", "style", "font");

    private final Clock clock;
    private final Duration idleLock;

    IdleSessionLock(Clock clock, UsersProperties settings) {
        this.clock = clock;
        this.idleLock = settings.idleLock();
    }

    /**
     * Whether the session's member has done nothing for the idle time (or the session is gone): a long-lived
     * response such as the alert stream asks this and ends. A session without a member's action on record is not
     * lapsed.
     */
    public boolean lapsed(HttpSession session) {
        if (session == null) {
            return false;
        }
        try {
            return session.getAttribute(LAST_ACTION) instanceof LastAction last && lapsed(last, clock.instant());
        } catch (IllegalStateException invalidated) {
            return true;
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        HttpSession session = request.getSession(false);
        if (session != null && auth != null && auth.getPrincipal() instanceof SignedInMember) {
            String signInId = auth.getDetails() instanceof SignInDetails d ? d.signInId() : "";
            Instant now = clock.instant();
            Object stored = session.getAttribute(LAST_ACTION);
            // A sign-in on this session (the id tells it from the one before) starts the count afresh.
            LastAction last = stored instanceof LastAction l && l.signInId().equals(signInId) ? l : null;
            if (last != null && lapsed(last, now)) {
                end(request, response, session);
                return;
            }
            if (last == null || !background(request)) {
                session.setAttribute(LAST_ACTION, new LastAction(signInId, now));
            }
        }
        chain.doFilter(request, response);
    }

    private boolean lapsed(LastAction last, Instant now) {
        return !now.isBefore(last.at().plus(idleLock));
    }

    /** Whether the request is the console's own doing rather than its member's. */
    static boolean background(HttpServletRequest request) {
        if ("1".equals(request.getHeader(BACKGROUND_HEADER))) {
            return true;
        }
        String accept = request.getHeader("Accept");
        if (accept != null && accept.contains("text/event-stream")) {
            return true;
        }
        String dest = request.getHeader("Sec-Fetch-Dest");
        return dest != null && SUB_RESOURCES.contains(dest);
    }

    private void end(HttpServletRequest request, HttpServletResponse response, HttpSession session) throws IOException {
        session.invalidate();
        SecurityContextHolder.clearContext();
        String login = request.getContextPath() + "/login?idle";
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setContentType(Problems.PROBLEM_JSON.toString());
            response.getWriter()
                    .write(Problems.json(
                            ProblemType.UNAUTHENTICATED,
                            "The session ended after " + idleLock.toMinutes()
                                    + " minutes without activity; sign in again"));
        } else if (request.getHeader("HX-Request") != null) {
            response.setHeader("HX-Redirect", login);
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
        } else {
            response.sendRedirect(login);
        }
    }

    /** When the member signed in as {@code signInId} last acted. */
    record LastAction(String signInId, Instant at) implements Serializable {}
}
