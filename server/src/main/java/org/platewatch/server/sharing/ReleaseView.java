package org.platewatch.server.sharing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A request as the API answers it: what was asked, by whom, its route and status, the decision and what was sent.
 *
 * @param status PENDING, APPROVED, REFUSED or ROUTED_TO_RECORDS
 */
record ReleaseView(
        UUID id,
        AgencyView agency,
        String requesterName,
        String requesterContact,
        String caseNumber,
        ReleasePurpose purpose,
        String warrantNumber,
        String writtenRequest,
        String writtenDocumentType,
        String writtenDocumentSha256,
        String criteria,
        String status,
        String routedTo,
        String enteredBy,
        Instant enteredAt,
        List<UUID> readIds,
        ReleaseDecision decision,
        Sent release) {

    /** The agency, as a request shows it. */
    record AgencyView(long id, String name, AgencyKind kind, String state, boolean federal) {

        static AgencyView of(Agency a) {
            return new AgencyView(a.id(), a.name(), a.kind(), a.state(), a.federal());
        }
    }

    /** What the ledger keeps of an approved release. */
    record Sent(
            Instant releasedAt,
            String releasedBy,
            int detections,
            int images,
            String packageSha256,
            List<ReleasePackage.PackagedFile> files) {}

    public String statusLabel() {
        return switch (status) {
            case "PENDING" -> "Waiting for a decision";
            case "APPROVED" -> "Approved and released";
            case "REFUSED" -> "Refused";
            default -> "Routed to " + routedTo;
        };
    }
}
