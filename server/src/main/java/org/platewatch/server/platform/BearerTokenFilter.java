package org.platewatch.server.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer} requests. A request that presents a bearer token
 * that no authenticator accepts is answered 401 at once: it never falls back to a session.
 */
final class BearerTokenFilter extends OncePerRequestFilter {

    private final List<BearerTokenAuthenticator> authenticators;

    BearerTokenFilter(List<BearerTokenAuthenticator> authenticators) {
        this.authenticators = authenticators;
    }

    static boolean hasBearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!hasBearer(request)) {
            chain.doFilter(request, response);
            return;
        }
        String token = request.getHeader("Authorization").substring(7).trim();
        Optional<Authentication> authentication = authenticators.stream()
                .filter(a -> a.recognises(token))
                .findFirst()
                .flatMap(a -> a.authenticate(token));
        if (authentication.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setContentType(Problems.PROBLEM_JSON.toString());
            response.getWriter()
                    .write(Problems.json(
                            ProblemType.UNAUTHENTICATED, "The bearer token is unknown, revoked or expired"));
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication.get());
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
