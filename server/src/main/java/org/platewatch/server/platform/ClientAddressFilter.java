package org.platewatch.server.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The client's address, as everything after it sees it ({@code getRemoteAddr()}: the sign-in throttle, the audit
 * log): the connection's address, unless that is one of {@code platewatch.network.trusted-proxies}. Then the
 * {@code Forwarded} header ({@code for=}), or else {@code X-Forwarded-For}, is read from its right end, the hop
 * nearest to this server, and each trusted proxy is skipped; the first address that is not a trusted proxy is the
 * client. A header sent by anyone else is ignored, so a client cannot choose its own address.
 *
 * <p>Runs first of all filters (before the request context that the audit log reads), see
 * {@link ClientAddressConfiguration}.
 */
final class ClientAddressFilter extends OncePerRequestFilter {

    private final List<AddressRange> trusted;

    ClientAddressFilter(List<AddressRange> trusted) {
        this.trusted = List.copyOf(trusted);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String client = clientOf(request.getRemoteAddr(), forwardedHops(request));
        chain.doFilter(
                client.equals(request.getRemoteAddr()) ? request : new ForwardedClient(request, client), response);
    }

    /** The client address: the socket's, or the nearest hop behind the trusted proxies. */
    String clientOf(String socket, List<String> hops) {
        String client = socket;
        for (int i = hops.size() - 1; i >= 0 && trusted(client); i--) {
            String hop = hops.get(i);
            if (AddressRange.literal(hop) == null) {
                break; // "unknown", an obfuscated name or garbage: the last trusted proxy is all that is known
            }
            client = normalised(hop);
        }
        return client;
    }

    private boolean trusted(String address) {
        for (AddressRange range : trusted) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** The forwarded chain, client first: RFC 7239 {@code Forwarded: for=...} if present, else X-Forwarded-For. */
    static List<String> forwardedHops(HttpServletRequest request) {
        List<String> forwarded = Collections.list(request.getHeaders("Forwarded"));
        List<String> hops = new ArrayList<>();
        if (!forwarded.isEmpty()) {
            for (String header : forwarded) {
                for (String element : header.split(",")) {
                    String hop = "";
                    for (String pair : element.split(";")) {
                        int eq = pair.indexOf('=');
                        if (eq > 0
                                && pair.substring(0, eq)
                                        .trim()
                                        .toLowerCase(Locale.ROOT)
                                        .equals("for")) {
                            hop = forValue(pair.substring(eq + 1).trim());
                        }
                    }
                    hops.add(hop);
                }
            }
            return hops;
        }
        for (String header : Collections.list(request.getHeaders("X-Forwarded-For"))) {
            for (String hop : header.split(",")) {
                hops.add(hop.trim());
            }
        }
        return hops;
    }

    /** {@code 192.0.2.1}, {@code "192.0.2.1:4711"}, {@code "[2001:db8::1]:4711"}: the address alone. */
    private static String forValue(String raw) {
        String v = raw.startsWith("\"") && raw.endsWith("\"") && raw.length() > 1
                ? raw.substring(1, raw.length() - 1)
                : raw;
        if (v.startsWith("[")) {
            int close = v.indexOf(']');
            return close > 0 ? v.substring(1, close) : v;
        }
        int colon = v.indexOf(':');
        if (colon > 0 && v.indexOf(':', colon + 1) < 0) {
            return v.substring(0, colon); // IPv4 with a port
        }
        return v;
    }

    private static String normalised(String hop) {
        String t = hop.trim();
        return t.startsWith("[") && t.endsWith("]") ? t.substring(1, t.length() - 1) : t;
    }

    /** The request as seen from the client named by the trusted proxy. */
    private static final class ForwardedClient extends HttpServletRequestWrapper {
        private final String client;

        ForwardedClient(HttpServletRequest request, String client) {
            super(request);
            this.client = client;
        }

        @Override
        public String getRemoteAddr() {
            return client;
        }

        @Override
        public String getRemoteHost() {
            return client;
        }
    }
}
