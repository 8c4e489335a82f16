package org.platewatch.server.users;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.platewatch.server.platform.PlatewatchProperties;
import org.platewatch.server.platform.ProblemType;
import org.platewatch.server.platform.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A member who still holds the one-time password an administrator gave them is sent to the change-password
 * page (which also enrols their second factor) from every console page until they replace it; sign-out,
 * static files and the page itself stay reachable. The API answers such a member, by session or by token,
 * 403 {@code password-change-required}, except for reading their own account and changing the password.
 *
 * <p>Not in demo mode ({@code serve --demo}): its accounts' passwords are printed for people to try the
 * console, as its second factor is off.
 */
@Component
class FirstSignInPasswordChange extends OncePerRequestFilter {

    static final String PAGE = "/account/password";
    static final ProblemType PASSWORD_CHANGE_REQUIRED =
            new ProblemType("password-change-required", "Replace the one-time password first", HttpStatus.FORBIDDEN);

    private final UserAccounts accounts;
    private final boolean demo;

    FirstSignInPasswordChange(UserAccounts accounts, PlatewatchProperties properties) {
        this.accounts = accounts;
        this.demo = properties.demo();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return demo
                || path.equals(PAGE)
                || path.equals("/login")
                || path.equals("/logout")
                || path.startsWith("/css/")
                || path.startsWith("/js/")
                || path.startsWith("/webjars/")
                || path.startsWith("/actuator/")
                || path.equals("/error")
                || path.equals("/favicon.ico");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean api = path.startsWith("/api/");
        Optional<UserAccount> me = api ? member() : AccountNotices.signedIn();
        if (me.isPresent()
                && !(api && allowedOnApi(request.getMethod(), path))
                && mustChangePassword(me.get().username())) {
            if (api) {
                response.setStatus(PASSWORD_CHANGE_REQUIRED.status().value());
                response.setContentType(Problems.PROBLEM_JSON.toString());
                response.getWriter()
                        .write(Problems.json(
                                PASSWORD_CHANGE_REQUIRED,
                                "The account '"
                                        + me.get().username()
                                        + "' still has its one-time password: sign in to the console and "
                                        + "replace it (and enrol the second factor) before using the API"));
            } else if (request.getHeader("HX-Request") != null) {
                response.setHeader("HX-Redirect", request.getContextPath() + PAGE);
                response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            } else {
                response.sendRedirect(request.getContextPath() + PAGE);
            }
            return;
        }
        chain.doFilter(request, response);
    }

    /** As the bearer token's look-up read it at the start of this request, or else from the account. */
    private boolean mustChangePassword(String username) {
        return AccountsReadThisRequest.of(username)
                .map(AccountsReadThisRequest.Read::mustChangePassword)
                .orElseGet(() -> accounts.mustChangePassword(username));
    }

    /** What the change itself needs: the account read and the password change. */
    private static boolean allowedOnApi(String method, String path) {
        return ("GET".equals(method) && path.equals("/api/v1/users/me"))
                || ("POST".equals(method) && path.equals("/api/v1/users/me/password"));
    }

    /** The member behind a session or a personal token on an API request. */
    private static Optional<UserAccount> member() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof SignedInMember member) {
            return Optional.of(member.account());
        }
        if (auth != null && auth.getPrincipal() instanceof UserAccount account) {
            return Optional.of(account);
        }
        return Optional.empty();
    }
}
