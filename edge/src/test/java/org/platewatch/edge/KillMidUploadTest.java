package org.platewatch.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent killed with SIGKILL while the server holds a stored batch unanswered (the worst moment: sent,
 * not acknowledged) loses nothing and duplicates nothing: every read arrives, each once.
 */
class KillMidUploadTest {

    @TempDir
    Path tmp;

    @Test
    void killingTheAgentMidUploadLosesAndDuplicatesNothing() throws Exception {
        Path file = tmp.resolve("journal.db");
        Sealer sealer = new Sealer(new SecretKeySpec(new byte[32], "AES"));
        Set<UUID> ids = new HashSet<>();
        try (Journal j = new Journal(file, sealer, Clock.systemUTC())) {
            for (int i = 0; i < 35; i++) {
                UUID id = UUID.randomUUID();
                ids.add(id);
                j.add(new JournalRead(
                        id,
                        Instant.now().minusSeconds(100 - i),
                        String.format("7K%05d", i),
                        null,
                        0.9,
                        37.8,
                        -122.2,
                        null,
                        i % 2 == 0 ? new byte[] {(byte) i} : null));
            }
        }
        try (StubServer server = new StubServer()) {
            server.holdAnswerMillis = 5_000;
            Process child = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            CrashChild.class.getName(),
                            server.uri().toString(),
                            file.toString())
                    .redirectErrorStream(true)
                    .start();
            try {
                EdgeAgentTest.await("the first batch is stored", () -> server.uploads.get() >= 1);
                child.destroyForcibly(); // SIGKILL on Unix: no shutdown hook, no acknowledgement
                assertTrue(child.waitFor(10, TimeUnit.SECONDS));
                assertEquals(137, child.exitValue(), "killed by SIGKILL");
            } finally {
                child.destroyForcibly();
            }
            assertEquals(10, server.reads.size(), "the server stored the batch it never answered");

            server.holdAnswerMillis = 0;
            try (Journal j = new Journal(file, sealer, Clock.systemUTC())) {
                assertEquals(35, j.backlog().waiting(), "nothing left the journal unacknowledged");
                Uploader uploader =
                        new Uploader(j, new ServerClient(server.uri(), StubServer.TOKEN, Duration.ofSeconds(10)), 10);
                while (j.backlog().unsent() > 0) {
                    assertTrue(uploader.round() != Uploader.Round.UNAVAILABLE);
                }
            }
            assertEquals(
                    ids,
                    new HashSet<>(
                            server.readIds().stream().map(UUID::fromString).toList()));
            assertEquals(10, server.duplicates.get(), "the unanswered batch came again and counted as duplicates");
            assertEquals(18, server.images.size());
        }
    }
}
