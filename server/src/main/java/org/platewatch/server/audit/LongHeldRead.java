package org.platewatch.server.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * A detection kept longer than {@code AuditCadence.LONG_HELD}, with the legal hold behind it (Alameda 462.3(b)5: the
 * report explains any data retained longer than six months). No plate: the read id and the hold say what and why.
 *
 * @param movedOut    true when its day was purged and the hold kept it ({@code held_detections}); false when its
 *                    day is still stored
 * @param releasedAt  when the hold was released (the read then goes with the next purge); null while in force
 */
record LongHeldRead(
        UUID readId,
        Instant capturedAt,
        boolean movedOut,
        long holdId,
        String caseNumber,
        String holdReason,
        String placedBy,
        Instant placedAt,
        String approvedBy,
        Instant releasedAt) {}
