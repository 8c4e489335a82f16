package org.platewatch.server.users;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.platewatch.server.platform.ProblemType;
import org.platewatch.server.platform.Problems;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A console session holds the account as it was at sign-in. On every request this re-reads it: a
 * disabled or locked account's session ends at once, and a changed role or training record takes
 * effect on the next request (the session's authorities are replaced), not at the next sign-in.
 *
 * <p>A servlet filter bean, so it runs after Spring Security's chain has restored the session's
 * security context and before any controller or {@code @PreAuthorize} check.
 */
@Component
class MemberSessionRefresh extends OncePerRequestFilter {

    private final UserAccounts accounts;

    MemberSessionRefresh(UserAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof SignedInMember member) {
            Optional<UserAccount> now = accounts.findByUsername(member.account().username());
            if (now.isEmpty() || !now.get().enabled() || now.get().locked()) {
                end(request, response);
                return;
            }
            if (!now.get().equals(member.account())) {
                SignedInMember fresh = new SignedInMember(now.get());
                UsernamePasswordAuthenticationToken refreshed =
                        UsernamePasswordAuthenticationToken.authenticated(fresh, null, fresh.authorities());
                refreshed.setDetails(auth.getDetails());
                SecurityContext context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(refreshed);
                SecurityContextHolder.setContext(context);
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, context);
                }
            }
        }
        chain.doFilter(request, response);
    }

    private static void end(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setContentType(Problems.PROBLEM_JSON.toString());
            response.getWriter()
                    .write(Problems.json(
                            ProblemType.UNAUTHENTICATED, "The session has ended: the account is disabled or locked"));
        } else {
            response.sendRedirect(request.getContextPath() + "/login?ended");
        }
    }
}
