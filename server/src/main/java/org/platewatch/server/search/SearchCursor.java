package org.platewatch.server.search;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.platewatch.server.platform.ProblemException;

/**
 * Where a page of results ended: the last result's capture time and read id. Results are ordered newest first by
 * exactly these two, and a search only sees detections received before it first ran, so the next page is the
 * same whenever it is asked for.
 */
record SearchCursor(Instant capturedAt, UUID readId) {

    String encode() {
        String raw = capturedAt.getEpochSecond() + "." + capturedAt.getNano() + "." + readId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }

    static SearchCursor decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            String[] parts = raw.split("\\.", 3);
            return new SearchCursor(
                    Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
                    UUID.fromString(parts[2]));
        } catch (RuntimeException e) {
            throw ProblemException.invalid("cursor", "is not a cursor this search gave");
        }
    }
}
