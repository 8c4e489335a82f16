package org.platewatch.server.search;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.platewatch.server.audit.AuditEvent;
import org.platewatch.server.audit.AuditLog;
import org.platewatch.server.audit.DataCorrections;
import org.platewatch.server.audit.DetectionCorrection;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.platform.ProblemType;
import org.platewatch.server.users.MemberAccess;
import org.platewatch.server.users.Permission;
import org.platewatch.server.users.UserAccount;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Purpose-bound search of stored detections, in the order a request takes: the member may search → the request
 * is valid → it names no forbidden use (else refused, and the refusal audited) → it is within the profile's limits
 * (else it waits for a supervisor) → it runs, and its terms, purpose, case number and result count go to the audit
 * log in the same transaction as the query (Civil Code § 1798.90.52). Every later look at its results (a page, an
 * image, an export) is audited with the search it came from, and only its requester may look.
 */
@Service
public class Searches {

    static final ProblemType PROHIBITED_PURPOSE = new ProblemType(
            "prohibited-purpose",
            "The law and the department's policy forbid this use of ALPR data",
            HttpStatus.FORBIDDEN);
    static final ProblemType NOT_YOURS = new ProblemType(
            "not-your-search", "Only the member who made a search sees its results", HttpStatus.FORBIDDEN);
    static final ProblemType NOT_RUNNABLE =
            new ProblemType("search-not-approved", "The search has not been approved", HttpStatus.CONFLICT);
    static final ProblemType TIMED_OUT = new ProblemType(
            "search-timed-out", "The search took too long; narrow it", HttpStatus.UNPROCESSABLE_CONTENT);

    /** No search holds the database longer than this; a canvass of a day over a city takes well under a second. */
    static final int STATEMENT_TIMEOUT_SECONDS = 30;

    private final MemberAccess access;
    private final SearchRequestValidator validator;
    private final SearchScope scope;
    private final SearchStore store;
    private final AuditLog audit;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final DataCorrections corrections;

    Searches(
            MemberAccess access,
            SearchRequestValidator validator,
            SearchScope scope,
            SearchStore store,
            AuditLog audit,
            TransactionTemplate transaction,
            Clock clock,
            DataCorrections corrections) {
        this.corrections = corrections;
        this.access = access;
        this.validator = validator;
        this.scope = scope;
        this.store = store;
        this.audit = audit;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** Makes a search: runs it now, or keeps it for approval when it is broader than the profile allows. */
    SearchView request(SearchRequest body) {
        UserAccount member = access.requireActive(Permission.SEARCH_DETECTIONS);
        refuseProhibitedUse(body);
        ValidSearch valid = validator.validate(body);
        List<String> broad = scope.broadBecause(valid.criteria());
        Instant now = now();
        StoredSearch search = new StoredSearch(
                UUID.randomUUID(),
                member.username(),
                member.fullName(),
                now,
                valid.caseNumber(),
                valid.purpose(),
                valid.reason(),
                valid.criteria(),
                broad.isEmpty() ? SearchStatus.COMPLETED : SearchStatus.PENDING_APPROVAL,
                broad,
                null,
                null,
                null,
                null,
                null);
        if (!broad.isEmpty()) {
            return transaction.execute(status -> {
                store.insert(search);
                audit.record(event("search.awaiting-approval", search, null));
                return SearchView.withoutResults(search);
            });
        }
        return runFirst(search, valid.pageSize(), true);
    }

    /** The search and the first page of its results; an approved search runs now, the first time it is opened. */
    SearchView open(UUID id, int pageSize) {
        StoredSearch search = requesterOf(id);
        return switch (search.status()) {
            case PENDING_APPROVAL, REJECTED -> SearchView.withoutResults(search);
            case APPROVED -> runFirst(search, pageSize, false);
            case COMPLETED -> page(search, null, pageSize);
        };
    }

    /** A later page of a search that ran, after {@code cursor}. */
    SearchView page(UUID id, String cursor, int pageSize) {
        StoredSearch search = ranSearchOf(id);
        return page(search, cursor == null || cursor.isBlank() ? null : SearchCursor.decode(cursor), pageSize);
    }

    /** The stored image of one of the search's results, audited with the search. */
    String imageOfResult(UUID id, UUID readId) {
        StoredSearch search = ranSearchOf(id);
        return transaction.execute(status -> {
            String sha = store.imageOf(DetectionFilter.of(search.criteria(), search.ranAt())
                            .andRead(readId))
                    .orElseThrow(() -> new ProblemException(
                            ProblemType.NOT_FOUND,
                            "readId",
                            "readId: read " + readId + " is not a result of this search, or has no image"));
            audit.record(event("search.image-viewed", search, 1).withSubject("search:" + id + " read:" + readId));
            return sha;
        });
    }

    /** The member's own searches, newest first, without results. */
    List<SearchView> mine(int limit) {
        UserAccount member = access.requireActive(Permission.SEARCH_DETECTIONS);
        return store.requestedBy(member.username(), limit).stream()
                .map(SearchView::withoutResults)
                .toList();
    }

    /** The search, when the member acting may see its results: its requester, still allowed to search. */
    StoredSearch requesterOf(UUID id) {
        UserAccount member = access.requireActive(Permission.SEARCH_DETECTIONS);
        StoredSearch search =
                store.find(id).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No search " + id));
        if (!search.requestedBy().equals(member.username())) {
            throw new ProblemException(NOT_YOURS, "The search " + id + " was made by another member");
        }
        return search;
    }

    /** As {@link #requesterOf}, for what needs the search's results: refused until the search has run. */
    StoredSearch ranSearchOf(UUID id) {
        StoredSearch search = requesterOf(id);
        if (search.status() != SearchStatus.COMPLETED) {
            throw new ProblemException(NOT_RUNNABLE, "The search " + id + " has not run; it is " + search.status());
        }
        return search;
    }

    private SearchView runFirst(StoredSearch search, int pageSize, boolean isNew) {
        return bounded(() -> transaction.execute(status -> {
            if (!isNew) {
                StoredSearch locked = store.findForUpdate(search.id()).orElseThrow();
                if (locked.status() == SearchStatus.COMPLETED) {
                    return pageInTransaction(locked, null, pageSize); // opened twice at once: the other ran it
                }
            }
            Instant ranAt = now();
            DetectionFilter filter = DetectionFilter.of(search.criteria(), ranAt);
            store.prepareForSearch(STATEMENT_TIMEOUT_SECONDS, filter);
            SearchStore.FirstPage first = store.firstPage(search.id(), search.criteria(), filter, pageSize + 1);
            StoredSearch ran = search.completed(ranAt, first.total());
            if (isNew) {
                store.insert(ran);
            } else {
                store.markCompleted(search.id(), ranAt, first.total());
            }
            audit.record(event("search.run", ran, first.total()));
            return view(ran, first.hits(), pageSize);
        }));
    }

    private SearchView page(StoredSearch search, SearchCursor cursor, int pageSize) {
        return bounded(() -> transaction.execute(status -> pageInTransaction(search, cursor, pageSize)));
    }

    private SearchView pageInTransaction(StoredSearch search, SearchCursor cursor, int pageSize) {
        DetectionFilter filter =
                DetectionFilter.of(search.criteria(), search.ranAt()).after(cursor);
        store.prepareForSearch(STATEMENT_TIMEOUT_SECONDS, filter);
        List<SearchHit> hits = store.page(
                search.id(), search.criteria(), filter, cursor == null ? null : cursor.capturedAt(), pageSize + 1);
        audit.record(event("search.results-viewed", search, Math.min(hits.size(), pageSize)));
        return view(search, hits, pageSize);
    }

    private SearchView view(StoredSearch search, List<SearchHit> hits, int pageSize) {
        boolean more = hits.size() > pageSize;
        List<SearchHit> page = withCorrections(more ? hits.subList(0, pageSize) : hits);
        return SearchView.of(
                search, page, more ? page.get(page.size() - 1).cursor().encode() : null);
    }

    /**
     * The page's hits with their corrections, fetched in one query by read id: the search's own query stays as it
     * is (its plans are tuned; docs/benchmarks.md).
     */
    private List<SearchHit> withCorrections(List<SearchHit> page) {
        Map<UUID, DetectionCorrection> found =
                corrections.forReads(page.stream().map(SearchHit::readId).toList());
        if (found.isEmpty()) {
            return page;
        }
        return page.stream()
                .map(h -> found.containsKey(h.readId()) ? h.withCorrection(found.get(h.readId())) : h)
                .toList();
    }

    private void refuseProhibitedUse(SearchRequest body) {
        if (body == null) {
            return;
        }
        ProhibitedUse.namedBy(body.purpose(), body.reason()).ifPresent(use -> {
            transaction.executeWithoutResult(status -> audit.record(new AuditEvent(
                    "search.refused",
                    "prohibited-use:" + use.name(),
                    "purpose=" + clip(body.purpose()),
                    clip(body.reason()),
                    clip(body.caseNumber()),
                    0)));
            throw new ProblemException(
                    PROHIBITED_PURPOSE,
                    "purpose",
                    "ALPR data may not be searched for " + use.label() + "; the refusal is recorded in the audit log");
        });
    }

    /** A refused request's words as the audit log keeps them: enough to judge, never a megabyte. */
    private static String clip(String s) {
        int max = SearchRequestValidator.MAX_REASON_LENGTH;
        return s == null || s.length() <= max ? s : s.substring(0, max) + "…";
    }

    private static SearchView bounded(java.util.function.Supplier<SearchView> query) {
        try {
            return query.get();
        } catch (QueryTimeoutException e) {
            throw new ProblemException(
                    TIMED_OUT,
                    "The search ran past " + STATEMENT_TIMEOUT_SECONDS + " s and was stopped; add a plate, a shorter"
                            + " time window or a smaller area");
        }
    }

    private static AuditEvent event(String action, StoredSearch s, Integer count) {
        return new AuditEvent(
                action, "search:" + s.id(), s.criteria().terms(), s.statedPurpose(), s.caseNumber(), count);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
