package org.platewatch.server.sharing;

import java.time.Instant;
import java.util.UUID;

/**
 * One batch a feed sent, as it is on file.
 *
 * @param httpStatus the centre's answer to the last try; 0 when there was none (unreachable)
 * @param attempts   how many times this batch was tried in its round
 * @param accepted   reads the centre stored as new (null unless delivered)
 * @param duplicates reads it already had: a batch sent again after a crash before it was recorded
 */
record FeedBatch(
        long agreementId,
        int batchNumber,
        UUID firstReadId,
        UUID lastReadId,
        int reads,
        Instant sentAt,
        int httpStatus,
        int attempts,
        Outcome outcome,
        Integer accepted,
        Integer duplicates,
        String detail) {

    enum Outcome {
        /** the centre has every read of the batch; the feed's mark moved past it */
        DELIVERED,
        /** the centre refused the read for good (it names the field at fault); the mark moved past it */
        REFUSED,
        /** not answered usefully (unreachable, 5xx, credential refused); sent again in a later round */
        UNDELIVERED
    }
}
