package org.platewatch.server.users;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.platewatch.server.platform.PlatewatchProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A member who still holds the one-time password an administrator gave them is sent to the change-password
 * page from every console page until they replace it. The API is left alone (its own callers, tokens, are
 * issued only after the change is possible); sign-out, static files and the page itself stay reachable.
 *
 * <p>Not in demo mode ({@code serve --demo}): its accounts' passwords are printed for people to try the
 * console, as its second factor is off.
 */
@Component
class FirstSignInPasswordChange extends OncePerRequestFilter {

    static final String PAGE = "/account/password";

    private final UserAccounts accounts;
    private final boolean demo;

    FirstSignInPasswordChange(UserAccounts accounts, PlatewatchProperties properties) {
        this.accounts = accounts;
        this.demo = properties.demo();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return demo || path.startsWith("/api/") || path.equals(PAGE) || path.equals("/login") || path.equals("/logout")
                || path.startsWith("/css/") || path.startsWith("/js/") || path.startsWith("/webjars/")
                || path.startsWith("/actuator/") || path.equals("/error") || path.equals("/favicon.ico");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<UserAccount> me = AccountNotices.signedIn();
        if (me.isPresent() && accounts.mustChangePassword(me.get().username())) {
            if (request.getHeader("HX-Request") != null) {
                response.setHeader("HX-Redirect", request.getContextPath() + PAGE);
                response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            } else {
                response.sendRedirect(request.getContextPath() + PAGE);
            }
            return;
        }
        chain.doFilter(request, response);
    }
}
