package org.platewatch.server.sharing;

import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Puts a request together with its agency, decision and ledger entry, for the API and the console. */
@Component
class ReleaseViews {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SharingStore agencies;
    private final ReleaseStore store;
    private final ReleaseLedger ledger;

    ReleaseViews(SharingStore agencies, ReleaseStore store, ReleaseLedger ledger) {
        this.agencies = agencies;
        this.store = store;
        this.ledger = ledger;
    }

    ReleaseView of(ReleaseRequest r) {
        Agency agency = agencies.agency(r.agencyId()).orElseThrow();
        ReleaseDecision decision = store.decision(r.id()).orElse(null);
        ReleaseView.Sent sent = ledger.release(r.id())
                .map(l -> new ReleaseView.Sent(
                        l.releasedAt(),
                        l.releasedBy(),
                        l.detections(),
                        l.images(),
                        l.packageSha256(),
                        JSON.readValue(l.manifest(), ReleasePackage.Manifest.class)
                                .files()))
                .orElse(null);
        String status = r.route() == ReleaseRequest.Route.RECORDS
                ? "ROUTED_TO_RECORDS"
                : decision == null ? "PENDING" : decision.outcome().name();
        return new ReleaseView(
                r.id(),
                ReleaseView.AgencyView.of(agency),
                r.requesterName(),
                r.requesterContact(),
                r.caseNumber(),
                r.purpose(),
                r.warrantNumber(),
                r.writtenRequest(),
                r.writtenDocumentType(),
                r.writtenDocumentSha256(),
                r.criteria(),
                status,
                r.routedTo(),
                r.enteredBy(),
                r.enteredAt(),
                r.readIds(),
                decision,
                sent);
    }

    List<ReleaseView> of(List<ReleaseRequest> requests) {
        return requests.stream().map(this::of).toList();
    }
}
