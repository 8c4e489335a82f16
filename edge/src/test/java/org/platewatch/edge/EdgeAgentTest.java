package org.platewatch.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EdgeAgentTest {

    @TempDir
    Path tmp;

    StubServer server;
    TestImages images = new TestImages();
    Path source;
    ByteArrayOutputStream terminal = new ByteArrayOutputStream();
    EdgeRuntime agent;

    @BeforeEach
    void start() throws Exception {
        server = new StubServer();
        source = Files.createDirectories(tmp.resolve("camera"));
    }

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
        server.close();
    }

    static EdgeOptions options(URI server, Path source, Path data, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--server",
                server.toString(),
                "--token",
                StubServer.TOKEN,
                "--source",
                source.toString(),
                "--data-dir",
                data.toString(),
                "--alert-port",
                "0",
                "--settle",
                "300ms",
                "--poll",
                "100ms",
                "--retry-initial",
                "100ms",
                "--retry-max",
                "300ms",
                "--hotlist-refresh",
                "1h",
                "--backlog-report",
                "1h"));
        args.addAll(List.of(extra));
        return EdgeOptions.parse(args.toArray(String[]::new), Map.of());
    }

    EdgeRuntime agent(URI serverUri) throws Exception {
        agent = new EdgeRuntime(
                options(serverUri, source, tmp.resolve("data")),
                images,
                new PrintStream(terminal, true, StandardCharsets.UTF_8),
                Clock.systemUTC());
        agent.start();
        return agent;
    }

    void drop(String name, byte[] jpeg) throws Exception {
        Path part = source.resolve("." + name + ".part");
        Files.write(part, jpeg);
        Files.move(part, source.resolve(name));
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void readsTakenWhileTheServerIsDownArriveOnceEachWhenItComesBack() throws Exception {
        server.available = false;
        agent(server.uri());
        for (int i = 0; i < 5; i++) {
            drop("cam-" + i + ".jpg", images.showing("7DWN00" + i));
        }
        await("five reads are journalled", () -> agent.journal.backlog().waiting() == 5);
        Thread.sleep(500); // several failed rounds with backoff
        assertTrue(server.reads.isEmpty());
        try (var files = Files.list(source)) {
            assertEquals(0, files.count(), "journalled images leave the camera directory");
        }

        server.available = true;
        await("the backlog is empty", () -> agent.journal.backlog().unsent() == 0);
        assertEquals(5, server.reads.size());
        assertEquals(5, server.images.size());
        assertEquals(0, server.duplicates.get());
        assertEquals(
                List.of("7DWN000", "7DWN001", "7DWN002", "7DWN003", "7DWN004"),
                server.reads.values().stream()
                        .map(r -> r.get("plate").asString())
                        .sorted()
                        .toList());
        assertEquals("CA", server.reads.values().iterator().next().get("state").asString());
    }

    @Test
    void aHotListHitRaisesALocalAlertWithTheServerUnreachable() throws Exception {
        server.exportPayload = StubServer.payload(List.<String[]>of(new String[] {"6HOT123", "CA"}), Instant.now());
        agent(server.uri());
        await("the hot-list copy is verified", () -> agent.hotlists.current().version() != null);
        agent.close();
        server.close(); // a dead zone: nothing answers

        agent = new EdgeRuntime(
                options(server.uri(), source, tmp.resolve("data")),
                images,
                new PrintStream(terminal, true, StandardCharsets.UTF_8),
                Clock.systemUTC());
        agent.start();
        assertEquals(1, agent.hotlists.current().index().size(), "the saved copy is in force after a restart");
        drop("hit.jpg", images.showing("6HOT123"));
        drop("miss.jpg", images.showing("6NOT999"));
        await("an alert is raised", () -> !agent.alerts.all().isEmpty());
        await("both reads are journalled", () -> agent.journal.backlog().waiting() == 2);
        assertEquals(1, agent.alerts.all().size());
        String printed = terminal.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("HOT-LIST HIT  list svs  reason STOLEN  match EXACT"), printed);
        assertFalse(printed.contains("6HOT123"), "the terminal line carries no plate");

        HttpResponse<String> page = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(agent.page().address() + "alerts.json?after=0"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertTrue(page.body().contains("\"plate\":\"6HOT123\""), page.body());
        assertEquals(
                agent.alerts.all().get(0).readId(),
                agent.journal.nextBatch(1).get(0).readId(),
                "the hit is first in the upload queue");
    }

    @Test
    void aCorruptImageIsSkippedWithALoggedReasonAndTheRestGoOn() throws Exception {
        List<LogRecord> logged = new ArrayList<>();
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                logged.add(r);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger.getLogger(CapturePipeline.class.getName()).addHandler(h);
        try {
            server.available = false;
            agent(server.uri());
            drop("broken.jpg", "this is not a JPEG at all".getBytes(StandardCharsets.US_ASCII));
            drop("good.jpg", images.showing("5GUD321"));
            await("the good read is journalled", () -> agent.journal.backlog().waiting() == 1);
            await("the broken image is set aside", () -> Files.exists(tmp.resolve("data/rejected/broken.jpg")));
            assertTrue(
                    logged.stream()
                            .anyMatch(r -> r.getMessage().equals("Image broken.jpg skipped: not a readable image")),
                    logged.toString());
        } finally {
            Logger.getLogger(CapturePipeline.class.getName()).removeHandler(h);
        }
    }

    @Test
    void aHalfWrittenFileIsReadOnlyWhenComplete() throws Exception {
        server.available = false;
        agent(server.uri());
        byte[] jpeg = images.showing("4HLF555");
        Path file = source.resolve("slow.jpg");
        Files.write(file, java.util.Arrays.copyOf(jpeg, jpeg.length / 2));
        for (int i = 0; i < 6; i++) { // keeps growing, slower than the settle time would notice
            Thread.sleep(150);
            Files.write(file, new byte[0], java.nio.file.StandardOpenOption.APPEND);
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(Instant.now()));
        }
        assertEquals(0, images.reads.get(), "a file still being written is not read");
        assertTrue(Files.exists(file));
        Files.write(
                file,
                java.util.Arrays.copyOfRange(jpeg, jpeg.length / 2, jpeg.length),
                java.nio.file.StandardOpenOption.APPEND);
        await("the complete file is journalled", () -> agent.journal.backlog().waiting() == 1);
        assertEquals(1, images.reads.get(), "read once, whole");
        assertEquals("4HLF555", agent.journal.nextBatch(1).get(0).plate());
        assertEquals(
                TestImages.sha(jpeg),
                TestImages.sha(agent.journal.nextBatch(1).get(0).jpeg()));
    }

    @Test
    void aBadCommandLineIsOneLineAndExitStatusTwo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = EdgeAgent.run(
                new String[] {"--server", "ftp://x", "--token", "t", "--source", "."},
                Map.of(),
                new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, status);
        assertEquals(
                "platewatch edge: --server: 'ftp://x' is not an http(s) URL\n", err.toString(StandardCharsets.UTF_8));
        assertEquals(2, EdgeAgent.run(new String[] {"--batch"}, Map.of(), System.out, new PrintStream(err)));
    }
}
