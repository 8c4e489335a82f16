package org.platewatch.server.search;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.platewatch.server.audit.AuditEvent;
import org.platewatch.server.audit.AuditLog;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.platform.ProblemType;
import org.platewatch.server.users.MemberAccess;
import org.platewatch.server.users.Permission;
import org.platewatch.server.users.UserAccount;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A supervisor's decision on a search broader than the profile's limits. The supervisor sees what the search asks
 * and why, never its results; an approved search runs when its requester opens it. No one approves their own.
 */
@Service
class SearchApprovals {

    static final ProblemType OWN_SEARCH =
            new ProblemType("own-search", "A member may not approve their own search", HttpStatus.FORBIDDEN);
    static final ProblemType ALREADY_DECIDED =
            new ProblemType("search-already-decided", "The search is not waiting for approval", HttpStatus.CONFLICT);
    static final int MAX_NOTE_LENGTH = 500;

    /** A supervisor's decision on a pending search. */
    enum Decision {
        APPROVE,
        REJECT
    }

    private final MemberAccess access;
    private final SearchStore store;
    private final AuditLog audit;
    private final TransactionTemplate transaction;
    private final Clock clock;

    SearchApprovals(
            MemberAccess access, SearchStore store, AuditLog audit, TransactionTemplate transaction, Clock clock) {
        this.access = access;
        this.store = store;
        this.audit = audit;
        this.transaction = transaction;
        this.clock = clock;
    }

    List<SearchView> pending() {
        access.requireActive(Permission.APPROVE_BROAD_SEARCHES);
        return store.pending().stream().map(SearchView::withoutResults).toList();
    }

    SearchView decide(UUID id, Decision decision, String note) {
        UserAccount supervisor = access.requireActive(Permission.APPROVE_BROAD_SEARCHES);
        String cleanNote = note == null || note.isBlank() ? null : note.strip();
        if (cleanNote != null && cleanNote.length() > MAX_NOTE_LENGTH) {
            throw ProblemException.invalid("note", "is longer than " + MAX_NOTE_LENGTH + " characters");
        }
        if (decision == Decision.REJECT && cleanNote == null) {
            throw ProblemException.invalid("note", "say why the search is refused: its requester reads it");
        }
        return transaction.execute(status -> {
            StoredSearch search = store.findForUpdate(id)
                    .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No search " + id));
            if (search.requestedBy().equals(supervisor.username())) {
                throw new ProblemException(OWN_SEARCH, "Another supervisor must decide on your own search");
            }
            if (search.status() != SearchStatus.PENDING_APPROVAL) {
                throw new ProblemException(ALREADY_DECIDED, "The search " + id + " is " + search.status());
            }
            SearchStatus outcome = decision == Decision.APPROVE ? SearchStatus.APPROVED : SearchStatus.REJECTED;
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            store.decide(id, outcome, supervisor.fullName(), now, cleanNote);
            audit.record(new AuditEvent(
                    decision == Decision.APPROVE ? "search.approved" : "search.rejected",
                    "search:" + id,
                    search.criteria().terms(),
                    search.statedPurpose() + (cleanNote == null ? "" : " | decision: " + cleanNote),
                    search.caseNumber(),
                    null));
            return SearchView.withoutResults(store.find(id).orElseThrow());
        });
    }
}
