package org.platewatch.server.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * A detection's plate or state as an administrator corrected it, with what the read said before. Where a read was
 * corrected more than once, {@link DataCorrections#forReads} gives the first original and the latest correction.
 *
 * @param originalPlate  what the detection said before it was first corrected
 * @param plate          the corrected plate, which the detection now carries
 * @param reportTo       the regional centre this correction must be reported to (San Leandro: NCRIC); null when
 *                       the profile names none
 * @param reportedAt     when it was reported there; null until then
 */
public record DetectionCorrection(
        long id,
        UUID readId,
        Instant capturedAt,
        String originalPlate,
        String originalState,
        String plate,
        String state,
        String reason,
        String correctedBy,
        Instant correctedAt,
        String reportTo,
        Instant reportedAt) {

    /** Whether the profile's regional centre must still be told of it. */
    public boolean toReport() {
        return reportTo != null && reportedAt == null;
    }
}
