package org.platewatch.server.search;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A search as its requester sees it: the request, where it stands, and (once it ran) a page of its results.
 *
 * @param total   how many detections the search found in all, once it ran
 * @param results this page, newest first; empty until the search runs
 * @param next    the cursor of the next page, or null on the last
 */
record SearchView(
        UUID id,
        SearchStatus status,
        String caseNumber,
        SearchPurpose purpose,
        String purposeLabel,
        String reason,
        String terms,
        String requestedBy,
        Instant requestedAt,
        List<String> broadBecause,
        String decidedBy,
        Instant decidedAt,
        String decisionNote,
        Instant ranAt,
        Integer total,
        List<SearchHit> results,
        String next) {

    static SearchView of(StoredSearch s, List<SearchHit> page, String next) {
        return new SearchView(
                s.id(),
                s.status(),
                s.caseNumber(),
                s.purpose(),
                s.purpose().label(),
                s.reason(),
                s.criteria().terms(),
                s.requestedByName(),
                s.requestedAt(),
                s.broadBecause(),
                s.decidedBy(),
                s.decidedAt(),
                s.decisionNote(),
                s.ranAt(),
                s.resultCount(),
                List.copyOf(page),
                next);
    }

    static SearchView withoutResults(StoredSearch s) {
        return of(s, List.of(), null);
    }
}
