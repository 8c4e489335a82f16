package org.platewatch.server.platform;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where requests come from ({@code platewatch.network.*}).
 *
 * @param trustedProxies the reverse proxies whose {@code Forwarded} / {@code X-Forwarded-For} headers name the
 *                       client: IP addresses or CIDR ranges ({@code 10.0.0.5}, {@code 10.0.0.0/24},
 *                       {@code fd00::/8}). Empty (the default): no forwarded header is believed, and the client
 *                       is the address the connection comes from. The sign-in throttle and the audit log's
 *                       client address use what this decides.
 */
@ConfigurationProperties(prefix = "platewatch.network")
public record NetworkProperties(@DefaultValue List<String> trustedProxies) {

    public NetworkProperties {
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        for (String proxy : trustedProxies) {
            if (AddressRange.parse(proxy) == null) {
                throw new IllegalArgumentException("platewatch.network.trusted-proxies: '" + proxy
                        + "' is not an IP address or CIDR range (host names are not accepted)");
            }
        }
    }

    /** The trusted proxies as ranges. */
    public List<AddressRange> proxyRanges() {
        return trustedProxies.stream().map(AddressRange::parse).toList();
    }
}
