package org.platewatch.server.search;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A search as the {@code searches} table keeps it: who asked, why, for what, and where it stands. */
record StoredSearch(
        UUID id,
        String requestedBy,
        String requestedByName,
        Instant requestedAt,
        String caseNumber,
        SearchPurpose purpose,
        String reason,
        SearchCriteria criteria,
        SearchStatus status,
        List<String> broadBecause,
        String decidedBy,
        Instant decidedAt,
        String decisionNote,
        Instant ranAt,
        Integer resultCount) {

    StoredSearch {
        broadBecause = List.copyOf(broadBecause);
    }

    /** The purpose as the audit log records it: the code and the member's words. */
    String statedPurpose() {
        return purpose.name() + ": " + reason;
    }

    StoredSearch completed(Instant at, int count) {
        return new StoredSearch(
                id,
                requestedBy,
                requestedByName,
                requestedAt,
                caseNumber,
                purpose,
                reason,
                criteria,
                SearchStatus.COMPLETED,
                broadBecause,
                decidedBy,
                decidedAt,
                decisionNote,
                at,
                count);
    }
}
