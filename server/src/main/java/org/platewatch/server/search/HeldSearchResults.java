package org.platewatch.server.search;

import java.util.List;
import java.util.UUID;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.platform.ProblemType;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A search's full result set, by read id, for a legal hold placed on it (the {@code retention} feature). The same
 * rule as every other look at a search's results: only its requester, still allowed to search, and only once it ran.
 * It joins the caller's transaction, so the hold's audit record (which names the search and the count) commits with
 * the query that filled it.
 */
@Service
public class HeldSearchResults {

    public static final ProblemType TOO_MANY = new ProblemType(
            "hold-too-large",
            "The search found more detections than one hold may name",
            HttpStatus.UNPROCESSABLE_CONTENT);

    /** A search that ran, and the read ids it found, newest first. */
    public record Results(UUID searchId, String caseNumber, String requestedBy, List<UUID> readIds) {
        public Results {
            readIds = List.copyOf(readIds);
        }
    }

    private final Searches searches;
    private final SearchStore store;

    HeldSearchResults(Searches searches, SearchStore store) {
        this.searches = searches;
        this.store = store;
    }

    /** Every result of the caller's own search, at most {@code max}; refused when it found more. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Results of(UUID searchId, int max) {
        StoredSearch search = searches.ranSearchOf(searchId);
        if (search.resultCount() != null && search.resultCount() > max) {
            throw new ProblemException(
                    TOO_MANY,
                    "searchId",
                    "searchId: the search found " + search.resultCount() + " detections; a hold names at most " + max
                            + ". Narrow the search, or place more than one hold.");
        }
        DetectionFilter filter = DetectionFilter.of(search.criteria(), search.ranAt());
        store.prepareForSearch(Searches.STATEMENT_TIMEOUT_SECONDS, filter);
        List<UUID> ids = store.page(searchId, search.criteria(), filter, null, max + 1).stream()
                .map(SearchHit::readId)
                .toList();
        if (ids.size() > max) {
            throw new ProblemException(
                    TOO_MANY, "searchId", "searchId: the search finds more than " + max + " detections now");
        }
        return new Results(searchId, search.caseNumber(), search.requestedBy(), ids);
    }
}
