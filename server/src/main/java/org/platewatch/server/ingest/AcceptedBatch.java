package org.platewatch.server.ingest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.platewatch.server.reads.NewDetection;

/**
 * A validated batch as the accepting server appends it to the ingest topic (JSON, keyed by device), and as a
 * consuming server stores it: the reads after steps 1 to 4 of the {@link ReadPipeline}, the device, when the
 * accepting server received them, and the SHA-256 of the photo they were read from (already in the image store;
 * null for reads without one).
 */
record AcceptedBatch(UUID deviceId, Instant receivedAt, String imageSha256, List<NewDetection> reads) {}
