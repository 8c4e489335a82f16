package org.platewatch.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A patrol car's GPS receiver as the agent reads it: NMEA RMC sentences with their checksums, over TCP as a
 * receiver or gpsd gives them, and the fix an image without a position of its own takes.
 */
class GpsFeedTest {

    /** The NMEA standard's own example sentence (its published checksum is 6A). */
    static final String MUNICH = "$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W*6A";

    static final String OAKLAND = "$GNRMC,201545.00,A,3748.12345,N,12216.20000,W,0.52,271.3,011226,,,A*6E";

    @Test
    void aValidRmcSentenceGivesTimePositionAndCourse() {
        Nmea.Fix munich = Nmea.parse(MUNICH).orElseThrow();
        assertEquals(Instant.parse("1994-03-23T12:35:19Z"), munich.time());
        assertEquals(48.1173, munich.latitude(), 1e-4);
        assertEquals(11.5167, munich.longitude(), 1e-4);
        assertEquals(84.4, munich.heading());

        Nmea.Fix oakland = Nmea.parse(OAKLAND).orElseThrow();
        assertEquals(Instant.parse("2026-12-01T20:15:45Z"), oakland.time());
        assertEquals(37.802058, oakland.latitude(), 1e-6);
        assertEquals(-122.27, oakland.longitude(), 1e-6, "west is negative");

        Nmea.Fix south = Nmea.parse("$GNRMC,010203.50,A,3346.5000,S,15112.0000,E,,,011226,,,A*5F")
                .orElseThrow();
        assertEquals(-33.775, south.latitude(), 1e-6);
        assertNull(south.heading(), "no course given");
        assertEquals(Instant.parse("2026-12-01T01:02:03.500Z"), south.time());
    }

    @Test
    void noFixBadChecksumOtherSentencesAndNoiseAreIgnored() {
        assertTrue(
                Nmea.parse("$GPRMC,201545.00,V,3748.12345,N,12216.20000,W,0.52,271.3,011226,,,N*68")
                        .isEmpty(),
                "status V: the receiver has no fix");
        assertTrue(Nmea.parse(MUNICH.replace("*6A", "*6B")).isEmpty(), "checksum");
        assertTrue(Nmea.parse(MUNICH.replace("4807.038", "4907.038")).isEmpty(), "a changed digit");
        assertTrue(
                Nmea.parse("$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47")
                        .isEmpty(),
                "GGA carries no date");
        assertTrue(Nmea.parse("").isEmpty());
        assertTrue(Nmea.parse("garbage*00").isEmpty());
        assertTrue(Nmea.parse("$GPRMC,,,,,,,,,,*").isEmpty());
    }

    @Test
    void theFeedReadsSentencesOverTcpAndAStaleFixIsNotUsed() throws Exception {
        MutableTestClock clock = new MutableTestClock(Instant.parse("2026-12-01T20:15:46Z"));
        try (ServerSocket receiver = new ServerSocket(0);
                GpsFeed feed = new GpsFeed("tcp://127.0.0.1:" + receiver.getLocalPort(), Duration.ofSeconds(5), clock)
                        .start();
                Socket car = receiver.accept()) {
            OutputStream out = car.getOutputStream();
            out.write(
                    ("noise from the receiver's start-up\r\n" + OAKLAND + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Optional<Nmea.Fix> fix = Optional.empty();
            for (int i = 0; i < 100 && fix.isEmpty(); i++) {
                Thread.sleep(50);
                fix = feed.current();
            }
            assertEquals(-122.27, fix.orElseThrow().longitude(), 1e-9);

            clock.advance(Duration.ofSeconds(6));
            assertTrue(feed.current().isEmpty(), "older than --gps-max-age");
        }
    }

    @Test
    void anImageWithoutAPositionOfItsOwnTakesTheReceiversFix() throws Exception {
        byte[] jpeg = new TestImages().showing("7EDG419");
        Capture capture = new Capture("car-cam.jpg", jpeg, null, null);
        Nmea.Fix fix = Nmea.parse(OAKLAND).orElseThrow();
        Clock clock = Clock.fixed(Instant.parse("2026-12-01T20:15:46Z"), ZoneOffset.UTC);

        CaptureFacts withGps = CaptureFacts.of(capture, ZoneOffset.UTC, clock, Optional.of(fix));
        assertEquals(fix.latitude(), withGps.latitude());
        assertEquals(fix.longitude(), withGps.longitude());
        assertEquals(271.3, withGps.heading());

        assertFalse(CaptureFacts.of(capture, ZoneOffset.UTC, clock, Optional.empty())
                .hasPosition());
    }

    @Test
    void aGpsSourceThatIsNeitherTcpNorADeviceIsRefusedOnTheCommandLine() {
        String[] base = {"--server", "http://localhost:8080", "--token", "t", "--source", "/tmp/cam"};
        for (String bad : new String[] {"udp://10.0.0.5:2947", "tcp://nohost", ""}) {
            String[] args = java.util.Arrays.copyOf(base, base.length + 2);
            args[base.length] = "--gps";
            args[base.length + 1] = bad;
            EdgeOptions.UsageException e = org.junit.jupiter.api.Assertions.assertThrows(
                    EdgeOptions.UsageException.class, () -> EdgeOptions.parse(args, java.util.Map.of()), bad);
            assertTrue(e.getMessage().startsWith("--gps:"), e.getMessage());
        }
        String[] good = java.util.Arrays.copyOf(base, base.length + 2);
        good[base.length] = "--gps";
        good[base.length + 1] = "tcp://127.0.0.1:2947";
        assertEquals(
                "tcp://127.0.0.1:2947",
                EdgeOptions.parse(good, java.util.Map.of()).gps());
        assertEquals(
                Duration.ofSeconds(5),
                EdgeOptions.parse(good, java.util.Map.of()).gpsMaxAge());
    }

    /** A clock the test moves. */
    static final class MutableTestClock extends Clock {
        private volatile Instant now;

        MutableTestClock(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
