package org.platewatch.server.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which address is the client's, given the connection and the forwarded chain (client first). */
class ClientAddressFilterTest {

    private final ClientAddressFilter filter = new ClientAddressFilter(
            new NetworkProperties(List.of("10.0.0.5", "172.16.0.0/12", "fd00::/8")).proxyRanges());

    @Test
    void anUntrustedConnectionIsTheClientWhateverItsHeadersSay() {
        assertThat(filter.clientOf("203.0.113.7", List.of("198.51.100.1"))).isEqualTo("203.0.113.7");
        assertThat(filter.clientOf("10.0.0.6", List.of("198.51.100.1")))
                .as("next to a proxy, not one")
                .isEqualTo("10.0.0.6");
    }

    @Test
    void behindTrustedProxiesTheNearestUntrustedHopIsTheClient() {
        assertThat(filter.clientOf("10.0.0.5", List.of("198.51.100.1"))).isEqualTo("198.51.100.1");
        // the leftmost entry came from the client itself and is not believed
        assertThat(filter.clientOf("10.0.0.5", List.of("192.0.2.66", "198.51.100.1", "172.31.255.1")))
                .isEqualTo("198.51.100.1");
        assertThat(filter.clientOf("fd12::1", List.of("2001:db8::9"))).isEqualTo("2001:db8::9");
        assertThat(filter.clientOf("10.0.0.5", List.of("unknown")))
                .as("garbage: the proxy is all that is known")
                .isEqualTo("10.0.0.5");
        assertThat(filter.clientOf("10.0.0.5", List.of())).isEqualTo("10.0.0.5");
    }

    @Test
    void rangesMatchByPrefixAndNamesAreRefused() {
        AddressRange range = AddressRange.parse("172.16.0.0/12");
        assertThat(range.contains("172.31.0.1")).isTrue();
        assertThat(range.contains("172.32.0.1")).isFalse();
        assertThat(range.contains("::ffff:172.16.0.1")).as("IPv4-mapped").isTrue();
        assertThat(AddressRange.parse("proxy.example.org")).isNull();
        assertThat(AddressRange.parse("10.0.0.0/33")).isNull();
        assertThatThrownBy(() -> new NetworkProperties(List.of("proxy.example.org")))
                .hasMessageContaining("trusted-proxies");
    }
}
