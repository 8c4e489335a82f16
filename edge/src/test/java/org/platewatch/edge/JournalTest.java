package org.platewatch.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.platewatch.plate.UsState;

class JournalTest {

    @TempDir
    Path tmp;

    @Test
    void theJournalFileHoldsNoPlateTextOrPositionInClear() throws Exception {
        Path file = tmp.resolve("journal.db");
        Sealer sealer = new Sealer(JournalKey.load(null, tmp.resolve("journal.key")));
        byte[] image = "JPEG-BYTES-WITH-MARKER-QQQ".getBytes(StandardCharsets.US_ASCII);
        UUID id = UUID.randomUUID();
        // The journal hands reads out oldest first; two Instant.now() calls can fall in the same millisecond,
        // and then the random read ids decide the order, so the captures are a second apart.
        Instant first = Instant.parse("2026-11-30T08:00:00Z");
        try (Journal j = new Journal(file, sealer, Clock.systemUTC())) {
            j.add(new JournalRead(id, first, "8QZX417", UsState.CA, 0.93, 37.804321, -122.271234, 90.0, image));
            j.add(new JournalRead(
                    UUID.randomUUID(), first.plusSeconds(1), "9JRN123", null, 0.9, 37.8, -122.2, null, null));
            assertEquals("8QZX417", j.nextBatch(10).get(0).plate(), "it opens with its key");
        }
        byte[] bytes = concat(file, tmp.resolve("journal.db-wal"));
        String asText = new String(bytes, StandardCharsets.ISO_8859_1);
        for (String secret : List.of("8QZX417", "9JRN123", "37.804321", "-122.271234", "MARKER-QQQ")) {
            assertFalse(asText.contains(secret), secret + " found in clear in the journal");
        }
        assertFalse(asText.contains(
                new String("8QZX417".getBytes(StandardCharsets.UTF_16LE), StandardCharsets.ISO_8859_1)));

        Sealer wrongKey = new Sealer(new SecretKeySpec(new byte[32], "AES"));
        try (Journal j = new Journal(file, wrongKey, Clock.systemUTC())) {
            assertThrows(JournalKeyException.class, () -> j.nextBatch(10));
        }
    }

    @Test
    void aReadLeavesTheJournalOnlyWhenTheServerHasItAndItsImage() throws Exception {
        Sealer sealer = new Sealer(new SecretKeySpec(new byte[32], "AES"));
        try (Journal j = new Journal(tmp.resolve("j.db"), sealer, Clock.systemUTC())) {
            UUID withImage = UUID.randomUUID();
            UUID without = UUID.randomUUID();
            j.add(new JournalRead(withImage, Instant.now(), "1AAA111", null, 0.9, null, null, null, new byte[] {1}));
            j.add(new JournalRead(without, Instant.now(), "2BBB222", null, 0.9, null, null, null, null));
            j.readsAcknowledged(List.of(withImage, without));
            assertEquals(new Journal.Backlog(0, 1, 0, j.backlog().oldest()), j.backlog());
            j.imageAcknowledged(withImage);
            assertEquals(0, j.backlog().unsent());
            assertEquals(null, j.backlog().oldest());
        }
    }

    private static byte[] concat(Path... files) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Path f : files) {
            if (Files.exists(f)) {
                out.write(Files.readAllBytes(f));
            }
        }
        return out.toByteArray();
    }
}
