package org.platewatch.server.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The Content-Security-Policy on every response: scripts and styles only from this server's files (no
 * inline script, no eval), images from here, {@code data:} (Leaflet) and the map's tile server, and
 * connections (fetch, server-sent events) to this server only. A page that injects markup cannot run it.
 */
@Component
class ContentSecurityPolicyFilter extends OncePerRequestFilter {

    private final String policy;

    ContentSecurityPolicyFilter(ConsoleProperties properties) {
        String tiles = properties.tileOrigin();
        this.policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:"
                + (tiles.isEmpty() ? "" : " " + tiles)
                + "; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self';"
                + " frame-ancestors 'none'";
    }

    String policy() {
        return policy;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Content-Security-Policy", policy);
        chain.doFilter(request, response);
    }
}
