package org.platewatch.server.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The clock every test context runs on: real time until a test moves it. */
public final class MutableClock extends Clock {

    /** The clock of the server the current test class started (one at a time: contexts close after each class). */
    private static volatile MutableClock server;

    private volatile Duration offset = Duration.ZERO;

    /** A new clock for a test server, remembered as {@link #server()}. */
    static MutableClock forServer() {
        MutableClock clock = new MutableClock();
        server = clock;
        return clock;
    }

    /**
     * The running test server's clock, for what must agree with it (TOTP codes); the system clock when no
     * server was started.
     */
    public static Clock server() {
        MutableClock current = server;
        return current == null ? Clock.systemUTC() : current;
    }

    public void advance(Duration by) {
        offset = offset.plus(by);
    }

    public void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), offset);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }
}
