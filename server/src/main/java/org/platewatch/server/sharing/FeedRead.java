package org.platewatch.server.sharing;

import java.time.Instant;
import java.util.UUID;

/** A stored detection as the feed sends it: the fields of the ingest API's own format, and its receipt time. */
record FeedRead(
        UUID readId,
        Instant receivedAt,
        String plate,
        String state,
        double confidence,
        Instant capturedAt,
        double latitude,
        double longitude,
        Double heading,
        String make,
        String model,
        String color,
        String type) {}
