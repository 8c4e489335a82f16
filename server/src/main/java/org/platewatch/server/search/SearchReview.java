package org.platewatch.server.search;

import java.util.UUID;
import org.platewatch.server.audit.AuditEvent;
import org.platewatch.server.audit.AuditLog;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.platform.ProblemType;
import org.platewatch.server.users.MemberAccess;
import org.platewatch.server.users.Permission;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The review of searching by the ALPR administrator and the auditor ({@code READ_AUDIT}, never an investigator): the
 * anomaly flags, and the record of any search behind them. Both are reads of who searched for what, so each is
 * audited in the same transaction as the read. A record is the request and where it stands, never its results: an
 * auditor may not see detections.
 */
@Service
class SearchReview {

    private final MemberAccess access;
    private final SearchAnomalies anomalies;
    private final SearchStore searches;
    private final AuditLog audit;
    private final TransactionTemplate transaction;

    SearchReview(
            MemberAccess access,
            SearchAnomalies anomalies,
            SearchStore searches,
            AuditLog audit,
            TransactionTemplate transaction) {
        this.access = access;
        this.anomalies = anomalies;
        this.searches = searches;
        this.audit = audit;
        this.transaction = transaction;
    }

    /** The flags over the review's window; the read is audited with how many flags it showed. */
    SearchAnomalyReport anomalies() {
        access.requireActive(Permission.READ_AUDIT);
        return transaction.execute(status -> {
            SearchAnomalyReport report = anomalies.report();
            audit.record(new AuditEvent(
                    "search.anomalies-viewed",
                    "searches",
                    "from=" + report.from() + "; to=" + report.to(),
                    null,
                    null,
                    report.anomalies().size()));
            return report;
        });
    }

    /** One search's request, status and result count, without its results; the read is audited. */
    SearchView record(UUID id) {
        access.requireActive(Permission.READ_AUDIT);
        return transaction.execute(status -> {
            StoredSearch search =
                    searches.find(id).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No search " + id));
            audit.record(new AuditEvent(
                    "search.record-viewed",
                    "search:" + id,
                    search.criteria().terms(),
                    search.statedPurpose(),
                    search.caseNumber(),
                    null));
            return SearchView.withoutResults(search);
        });
    }
}
