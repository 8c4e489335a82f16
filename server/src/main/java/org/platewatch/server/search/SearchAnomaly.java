package org.platewatch.server.search;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One flag of the search review: what looks unusual, who it concerns, and the searches behind it, each linked to
 * its record (the request without its results: an auditor may not see detections).
 *
 * @param members     the members concerned: one, or for {@link SearchAnomalyKind#SAME_VAGUE_REASON} everyone who
 *                    gave the reason, in the order of their first such search
 * @param summary     the flag in a sentence, with the figures and the rule that raised it
 * @param searchCount how many searches are behind the flag
 * @param searches    those searches, oldest first
 * @param first       the first of them
 * @param last        the last of them
 */
record SearchAnomaly(
        SearchAnomalyKind kind,
        List<Member> members,
        String summary,
        int searchCount,
        List<FlaggedSearch> searches,
        Instant first,
        Instant last) {

    SearchAnomaly {
        members = List.copyOf(members);
        searches = List.copyOf(searches);
    }

    static SearchAnomaly of(SearchAnomalyKind kind, List<Member> members, String summary, List<FlaggedSearch> s) {
        return new SearchAnomaly(
                kind,
                members,
                summary,
                s.size(),
                s,
                s.get(0).requestedAt(),
                s.get(s.size() - 1).requestedAt());
    }

    /** A member as the searches table names them. */
    record Member(String username, String name) {}

    /**
     * A search behind a flag.
     *
     * @param record the API address of the search's record, {@code GET /api/v1/searches/{id}/record}
     */
    record FlaggedSearch(UUID id, Instant requestedAt, String requestedBy, String caseNumber, String record) {

        static FlaggedSearch of(SearchAnomalyStore.Row row) {
            return new FlaggedSearch(
                    row.id(),
                    row.requestedAt(),
                    row.requestedBy(),
                    row.caseNumber(),
                    "/api/v1/searches/" + row.id() + "/record");
        }
    }
}
