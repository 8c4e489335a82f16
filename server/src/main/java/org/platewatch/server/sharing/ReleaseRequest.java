package org.platewatch.server.sharing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A written request for data, as entered and kept on file (never changed afterwards).
 *
 * @param route       {@link Route#APPROVAL} for the administrator or designee to decide, {@link Route#RECORDS}
 *                    for the profile's records-release path
 * @param routedTo    who handles it on the records path (the profile's {@code nonLawEnforcementRequestsTo})
 * @param criteria    how the detections were chosen, when the request gave criteria rather than read ids
 * @param readIds     the detections the request names, fixed when it was entered
 */
record ReleaseRequest(
        UUID id,
        long agencyId,
        String requesterName,
        String requesterContact,
        String caseNumber,
        ReleasePurpose purpose,
        String warrantNumber,
        String writtenRequest,
        String writtenDocumentType,
        String writtenDocumentSha256,
        String criteria,
        Route route,
        String routedTo,
        String enteredBy,
        Instant enteredAt,
        List<UUID> readIds) {

    enum Route {
        APPROVAL,
        RECORDS
    }
}
