package org.platewatch.server.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.platewatch.server.support.MutableClock;

/** The throttle in front of sign-in, on its own: limits per address and per name, a sliding window. */
class SignInThrottleTest {

    private final MutableClock clock = new MutableClock();
    private final SignInThrottle throttle =
            new SignInThrottle(clock, new UsersProperties.SignInThrottle(Duration.ofMinutes(15), 4, 3));

    @Test
    void anAddressIsRefusedAfterItsLimitUntilTheFailuresLeaveTheWindow() {
        for (int i = 1; i <= 3; i++) {
            assertThat(throttle.refuses("10.0.0.1", "name" + i)).isFalse();
            assertThat(throttle.failed("10.0.0.1", "name" + i)).isNull();
        }
        assertThat(throttle.failed("10.0.0.1", "name4")).isEqualTo("address");
        assertThat(throttle.refuses("10.0.0.1", "anyone")).isTrue();
        assertThat(throttle.refuses("10.0.0.2", "anyone")).as("another address").isFalse();

        clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        assertThat(throttle.refuses("10.0.0.1", "anyone")).isFalse();
    }

    @Test
    void aNameIsRefusedAfterItsLimitFromAnyAddressAndASuccessClearsIt() {
        throttle.failed("10.0.0.1", "jdoe");
        throttle.succeeded("jdoe");
        assertThat(throttle.failed("10.0.0.2", "jdoe")).isNull();
        assertThat(throttle.failed("10.0.0.3", "jdoe")).isNull();
        assertThat(throttle.failed("10.0.0.4", "jdoe")).isEqualTo("username");
        assertThat(throttle.refuses("10.0.0.5", "jdoe")).isTrue();
        assertThat(throttle.refuses("10.0.0.5", "asmith")).isFalse();
    }

    @Test
    void unknownAccountsAreAuditedOncePerAddressPerWindowWithTheCountCarriedOver() {
        assertThat(throttle.unknownAccount("10.0.0.1"))
                .as("the first is audited")
                .isZero();
        assertThat(throttle.unknownAccount("10.0.0.1")).as("then only counted").isEqualTo(-1);
        assertThat(throttle.unknownAccount("10.0.0.1")).isEqualTo(-1);
        assertThat(throttle.unknownAccount("10.0.0.2")).isZero();
        clock.advance(Duration.ofMinutes(16));
        assertThat(throttle.unknownAccount("10.0.0.1"))
                .as("next window: the two unaudited ones")
                .isEqualTo(2);
    }
}
