package org.platewatch.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.platewatch.recognition.PlateBox;
import org.platewatch.recognition.PlateCandidate;

class ShiftCheckTest {

    @TempDir
    Path tmp;

    StubServer server;
    Path source;
    TestImages images = new TestImages();
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Reads the reference plate as recognition does, so these tests need not load the models. */
    PlateReader reader = jpeg -> jpeg.length > 2000 && java.util.Arrays.equals(jpeg, ReferencePlate.jpeg())
            ? List.of(new PlateCandidate(
                    ReferencePlate.PLATE,
                    0.97,
                    "us-ca",
                    new PlateBox(0, 0, 1, 1),
                    java.util.Collections.nCopies(7, 0.97)))
            : images.read(jpeg);

    @BeforeEach
    void start() throws Exception {
        server = new StubServer();
        source = Files.createDirectories(tmp.resolve("camera"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    int check(String... extra) throws Exception {
        String[] base = {"--camera-wait", "1s"};
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(extra))
                .toArray(String[]::new);
        EdgeOptions o = EdgeAgentTest.options(server.uri(), source, tmp.resolve("data"), all);
        return new ShiftCheck(o, reader, Clock.systemUTC(), new PrintStream(out, true, StandardCharsets.UTF_8)).run();
    }

    void imageWithPosition() throws Exception {
        Files.write(source.resolve("now.jpg"), images.showing("7CHK001"));
        Files.writeString(
                source.resolve("now.json"),
                "{\"capturedAt\":\"" + Instant.now() + "\",\"latitude\":37.8,\"longitude\":-122.27}");
    }

    @Test
    void passesAndIsRecordedOnTheServerWhenAllIsWell() throws Exception {
        imageWithPosition();
        assertEquals(0, check(), out.toString(StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        for (String item : List.of("camera", "clock", "gps", "recognition", "hotlist", "server")) {
            assertTrue(printed.contains("PASS " + item + ":"), printed);
        }
        assertEquals(1, server.checks.size());
        assertTrue(server.checks.get(0).get("passed").asBoolean());
        assertEquals(6, server.checks.get(0).get("items").size());
    }

    @Test
    void failsWhenTheCameraSourceIsSilent() throws Exception {
        Path old = source.resolve("yesterday.jpg");
        Files.write(old, images.showing("7OLD001"));
        Files.setLastModifiedTime(
                old, java.nio.file.attribute.FileTime.from(Instant.now().minus(Duration.ofDays(1))));
        assertEquals(1, check());
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("FAIL camera: no image from directory"), printed);
        assertTrue(printed.contains("shift-start check FAILED; recorded on the server"), printed);
        assertFalse(server.checks.get(0).get("passed").asBoolean());
    }

    @Test
    void failsWhenTheHotListIsStale() throws Exception {
        imageWithPosition();
        server.exportPayload = StubServer.payload(List.of(), Instant.now().minus(Duration.ofDays(9)));
        assertEquals(1, check());
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("FAIL hotlist: stale: list svs holds data 9 days old (limit 7 days)"), printed);
        assertTrue(printed.contains("PASS camera"), printed);
    }

    @Test
    void failsWhenTheServerHasNotConfirmedTheCopyForTooLong() throws Exception {
        imageWithPosition();
        assertEquals(0, check());
        server.available = false;
        out.reset();
        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofHours(2));
        EdgeOptions o = EdgeAgentTest.options(server.uri(), source, tmp.resolve("data"), "--camera-wait", "1s");
        assertEquals(1, new ShiftCheck(o, reader, later, new PrintStream(out, true, StandardCharsets.UTF_8)).run());
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(
                printed.contains("FAIL hotlist: stale: last confirmed by the server 2 hours ago (limit 1 hour"),
                printed);
        assertTrue(printed.contains("FAIL server"), printed);
    }

    @Test
    void theRealRecognitionReadsTheReferencePlate() {
        try (PlateReader real = PlateReader.recognition()) {
            List<PlateCandidate> c = real.read(ReferencePlate.jpeg());
            assertEquals(ReferencePlate.PLATE, c.get(0).plate());
            assertEquals("us-ca", c.get(0).region());
        }
    }
}
