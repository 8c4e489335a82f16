package org.platewatch.server.retention;

import java.time.Instant;
import java.util.UUID;

/**
 * A legal hold as {@code legal_holds} keeps it: the case, why, who placed it (and from which search, if any), who
 * decided on it, and when and why it was released.
 *
 * @param reads how many reads it names
 */
record LegalHold(
        long id,
        String caseNumber,
        String reason,
        UUID searchId,
        String placedBy,
        Instant placedAt,
        String approvedBy,
        Instant approvedAt,
        String rejectedBy,
        Instant rejectedAt,
        String decisionNote,
        String releasedBy,
        Instant releasedAt,
        String releaseReason,
        long reads) {

    /** Public, as the record's own accessors are: the console's templates call it. */
    public HoldStatus status() {
        if (rejectedAt != null) {
            return HoldStatus.REJECTED;
        }
        if (releasedAt != null) {
            return HoldStatus.RELEASED;
        }
        return approvedAt != null ? HoldStatus.APPROVED : HoldStatus.PENDING_APPROVAL;
    }

    /** The subject of its audit records. */
    String subject() {
        return subject(id);
    }

    static String subject(long id) {
        return "hold:" + id;
    }
}
