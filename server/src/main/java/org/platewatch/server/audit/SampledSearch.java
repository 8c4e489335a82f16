package org.platewatch.server.audit;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * One search of an audit's sample, as the auditor judges it: what was asked, by whom, why and what it found, and the
 * auditor's finding.
 *
 * @param criteria   the search's terms as stored (plate, window, area, cameras, vehicle)
 * @param compliant  the finding: true, false, or null while not yet marked
 */
record SampledSearch(
        int position,
        UUID searchId,
        String caseNumber,
        String purpose,
        String reason,
        String terms,
        JsonNode criteria,
        String requestedBy,
        Instant requestedAt,
        Integer resultCount,
        Boolean compliant,
        String note,
        String markedBy,
        Instant markedAt) {

    public boolean marked() {
        return compliant != null;
    }
}
