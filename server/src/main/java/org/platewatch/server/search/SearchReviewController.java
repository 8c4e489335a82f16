package org.platewatch.server.search;

import io.swagger.v3.oas.annotations.Operation;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The search review API, for READ_AUDIT holders (administrators, auditors); {@link SearchReview} checks and audits. */
@RestController
@RequestMapping("/api/v1/searches")
class SearchReviewController {

    private final SearchReview review;

    SearchReviewController(SearchReview review) {
        this.review = review;
    }

    @Operation(
            summary = "Flags of unusual searching over the review window, each with the searches behind it (audited)")
    @GetMapping("/anomalies")
    ResponseEntity<SearchAnomalyReport> anomalies() {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(review.anomalies());
    }

    @Operation(summary = "A search's request, status and result count, without its results (audited)")
    @GetMapping("/{id}/record")
    ResponseEntity<SearchView> record(@PathVariable UUID id) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(review.record(id));
    }
}
