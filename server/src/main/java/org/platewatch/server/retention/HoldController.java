package org.platewatch.server.retention;

import java.io.InputStream;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Legal holds and their evidence. {@link LegalHolds} decides who may do what; the annotations only keep out the
 * roles that never may (auditors, devices).
 */
@RestController
@RequestMapping("/api/v1/holds")
@ConditionalOnWebApplication
class HoldController {

    static final String MAY_PLACE = "hasAuthority('PERMISSION_PLACE_LEGAL_HOLDS')";
    static final String MAY_DECIDE = "hasAuthority('PERMISSION_APPROVE_LEGAL_HOLDS')";
    static final String MAY_SEE = MAY_PLACE + " or " + MAY_DECIDE;

    /** A hold as the API answers it. */
    record HoldView(
            long id,
            String caseNumber,
            String reason,
            HoldStatus status,
            UUID searchId,
            long reads,
            String placedBy,
            Instant placedAt,
            String approvedBy,
            Instant approvedAt,
            String rejectedBy,
            Instant rejectedAt,
            String decisionNote,
            String releasedBy,
            Instant releasedAt,
            String releaseReason) {

        static HoldView of(LegalHold h) {
            return new HoldView(
                    h.id(),
                    h.caseNumber(),
                    h.reason(),
                    h.status(),
                    h.searchId(),
                    h.reads(),
                    h.placedBy(),
                    h.placedAt(),
                    h.approvedBy(),
                    h.approvedAt(),
                    h.rejectedBy(),
                    h.rejectedAt(),
                    h.decisionNote(),
                    h.releasedBy(),
                    h.releasedAt(),
                    h.releaseReason());
        }
    }

    /** A hold and its reads (the first {@value LegalHolds#SHOWN_READS}). */
    record HoldDetailView(HoldView hold, List<HeldRead> reads) {}

    record NoteBody(String note) {}

    record ReleaseBody(String reason) {}

    private final LegalHolds holds;
    private final EvidenceExports evidence;

    HoldController(LegalHolds holds, EvidenceExports evidence) {
        this.holds = holds;
        this.evidence = evidence;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(MAY_PLACE)
    HoldView place(@RequestBody(required = false) HoldRequest body) {
        return HoldView.of(holds.place(body));
    }

    @GetMapping
    @PreAuthorize(MAY_SEE)
    List<HoldView> list() {
        return holds.list(500).stream().map(HoldView::of).toList();
    }

    @GetMapping("/{id}")
    @PreAuthorize(MAY_SEE)
    HoldDetailView one(@PathVariable long id) {
        LegalHolds.HoldDetail d = holds.open(id);
        return new HoldDetailView(HoldView.of(d.hold()), d.reads());
    }

    @PostMapping("/{id}/approve")
    @PreAuthorize(MAY_DECIDE)
    HoldView approve(@PathVariable long id, @RequestBody(required = false) NoteBody body) {
        return HoldView.of(holds.decide(id, LegalHolds.Decision.APPROVE, body == null ? null : body.note()));
    }

    @PostMapping("/{id}/reject")
    @PreAuthorize(MAY_DECIDE)
    HoldView reject(@PathVariable long id, @RequestBody(required = false) NoteBody body) {
        return HoldView.of(holds.decide(id, LegalHolds.Decision.REJECT, body == null ? null : body.note()));
    }

    @PostMapping("/{id}/release")
    @PreAuthorize(MAY_DECIDE)
    HoldView release(@PathVariable long id, @RequestBody(required = false) ReleaseBody body) {
        return HoldView.of(holds.release(id, body == null ? null : body.reason()));
    }

    /** The ZIP; the console's download button posts here with its CSRF token. */
    @PostMapping(
            value = "/{id}/evidence",
            produces = {"application/zip", "application/problem+json"})
    @PreAuthorize(MAY_SEE)
    ResponseEntity<StreamingResponseBody> evidence(@PathVariable long id) {
        EvidenceExports.Export export = evidence.export(id);
        StreamingResponseBody body = out -> {
            try (InputStream in = Files.newInputStream(export.file())) {
                in.transferTo(out);
            } finally {
                EvidenceExports.delete(export.file());
            }
        };
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + export.fileName() + "\"")
                .header("X-Package-SHA256", export.manifest().packageSha256())
                .body(body);
    }
}
