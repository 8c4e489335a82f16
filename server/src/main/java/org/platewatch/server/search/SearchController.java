package org.platewatch.server.search;

import io.swagger.v3.oas.annotations.Operation;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.reads.ImageStore;
import org.platewatch.server.reads.StoredImageResponse;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The search API. Who may do what is decided in {@link Searches} and {@link SearchApprovals} on every call, through
 * {@code users.MemberAccess} (role, the profile's searching roles, training, account state); the controller only
 * carries requests and answers.
 */
@RestController
@RequestMapping("/api/v1/searches")
class SearchController {

    private final Searches searches;
    private final SearchApprovals approvals;
    private final SearchExports exports;
    private final ImageStore images;

    SearchController(Searches searches, SearchApprovals approvals, SearchExports exports, ImageStore images) {
        this.searches = searches;
        this.approvals = approvals;
        this.exports = exports;
        this.images = images;
    }

    /** A purpose code and what the console shows for it. */
    record PurposeOption(String code, String label) {}

    /** A supervisor's decision. */
    record DecisionBody(String decision, String note) {}

    @Operation(summary = "Search stored detections for a case (201: ran; 202: waits for a supervisor's approval)")
    @PostMapping
    ResponseEntity<SearchView> search(@RequestBody(required = false) SearchRequest body) {
        SearchView view = searches.request(body);
        HttpStatus status = view.status() == SearchStatus.COMPLETED ? HttpStatus.CREATED : HttpStatus.ACCEPTED;
        return ResponseEntity.status(status)
                .header("Location", "/api/v1/searches/" + view.id())
                .cacheControl(CacheControl.noStore())
                .body(view);
    }

    @Operation(summary = "The purposes a search may state")
    @GetMapping("/purposes")
    List<PurposeOption> purposes() {
        return Arrays.stream(SearchPurpose.values())
                .map(p -> new PurposeOption(p.name(), p.label()))
                .toList();
    }

    @Operation(summary = "The member's own searches, newest first")
    @GetMapping
    List<SearchView> mine(@RequestParam(defaultValue = "50") int limit) {
        return searches.mine(Math.max(1, Math.min(200, limit)));
    }

    @Operation(summary = "Searches waiting for a supervisor's approval (supervisors, administrators)")
    @GetMapping("/pending")
    List<SearchView> pending() {
        return approvals.pending();
    }

    @Operation(summary = "Approve or reject a broad search (never one's own)")
    @PostMapping("/{id}/approval")
    SearchView decide(@PathVariable UUID id, @RequestBody(required = false) DecisionBody body) {
        SearchApprovals.Decision decision = body == null || body.decision() == null
                ? null
                : Arrays.stream(SearchApprovals.Decision.values())
                        .filter(d -> d.name().equalsIgnoreCase(body.decision().strip()))
                        .findFirst()
                        .orElse(null);
        if (decision == null) {
            throw ProblemException.invalid("decision", "must be APPROVE or REJECT");
        }
        return approvals.decide(id, decision, body.note());
    }

    @Operation(summary = "A search and its first page of results (the requester only; runs an approved search)")
    @GetMapping("/{id}")
    ResponseEntity<SearchView> open(@PathVariable UUID id, @RequestParam(required = false) Integer pageSize) {
        return noStore(searches.open(id, SearchRequestValidator.pageSize(pageSize)));
    }

    @Operation(summary = "A later page of a search's results")
    @GetMapping("/{id}/results")
    ResponseEntity<SearchView> page(
            @PathVariable UUID id,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer pageSize) {
        return noStore(searches.page(id, cursor, SearchRequestValidator.pageSize(pageSize)));
    }

    @Operation(summary = "The JPEG of one of a search's results (audited with the search)")
    @GetMapping("/{id}/results/{readId}/image")
    ResponseEntity<byte[]> image(@PathVariable UUID id, @PathVariable UUID readId) throws IOException {
        String sha = searches.imageOfResult(id, readId);
        return StoredImageResponse.of(images, sha, readId);
    }

    @Operation(summary = "A search's results as CSV, for the case file (the requester only; audited)")
    @GetMapping("/{id}/export.csv")
    ResponseEntity<byte[]> exportCsv(@PathVariable UUID id) {
        return file(exports.export(id, SearchExports.Format.CSV));
    }

    @Operation(summary = "A search's results as KML, for a map (the requester only; audited)")
    @GetMapping("/{id}/export.kml")
    ResponseEntity<byte[]> exportKml(@PathVariable UUID id) {
        return file(exports.export(id, SearchExports.Format.KML));
    }

    private static ResponseEntity<byte[]> file(SearchExports.Export export) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(export.format().contentType))
                .cacheControl(CacheControl.noStore())
                .header("Content-Disposition", "attachment; filename=\"" + export.fileName() + "\"")
                .body(export.content());
    }

    private static <T> ResponseEntity<T> noStore(T body) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }
}
