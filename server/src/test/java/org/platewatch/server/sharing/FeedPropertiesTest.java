package org.platewatch.server.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedPropertiesTest {

    private static FeedProperties allowing(List<String> hosts) {
        Duration d = Duration.ofSeconds(1);
        return new FeedProperties(d, 500, d, 3, 20, 3, d, d, null, hosts);
    }

    @Test
    void onlyTheListedHostsWithoutRegardToCaseOnceAnyIsListed() {
        FeedProperties listed = allowing(List.of(" NCRIC.example ", ""));
        assertThat(listed.allowsHost("ncric.example")).isTrue();
        assertThat(listed.allowsHost("NCRIC.EXAMPLE")).isTrue();
        assertThat(listed.allowsHost("ncric.example.evil.example")).isFalse();
        assertThat(listed.allowsHost("10.0.0.5")).isFalse();
        assertThat(listed.allowsHost(null)).isFalse();
    }

    @Test
    void noListAllowsAnyHost() {
        assertThat(allowing(null).allowsHost("centre.example")).isTrue();
        assertThat(allowing(List.of()).allowsHost("centre.example")).isTrue();
    }
}
