package org.platewatch.server.alert;

import io.swagger.v3.oas.annotations.Operation;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.platewatch.server.audit.AuditEvent;
import org.platewatch.server.audit.AuditLog;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.platform.ProblemType;
import org.platewatch.server.reads.DetectionStore;
import org.platewatch.server.reads.ImageStore;
import org.platewatch.server.reads.StoredImageResponse;
import org.platewatch.server.users.MemberAccess;
import org.platewatch.server.users.Permission;
import org.platewatch.server.users.UserAccount;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The image of a read that raised an alert, for the people who verify alerts. A read that raised no alert is
 * reached only through a search, with its case number and purpose ({@code search} serves its results' images);
 * a hit on a CLETS-derived list only by a member cleared for CLETS. (It lives here, not in
 * {@code reads}, because it asks {@code users.MemberAccess}, and {@code reads} sits below
 * {@code users} in the package graph.) Viewing an image is an access
 * to ALPR data, so it is audited before the bytes leave; auditors and devices may not view images.
 */
@RestController
class ReadImageController {

    private final DetectionStore detections;
    private final ImageStore images;
    private final AuditLog audit;
    private final TransactionTemplate transaction;
    private final MemberAccess access;
    private final AlertStore alerts;
    private final CletsScreen clets;

    ReadImageController(
            DetectionStore detections,
            ImageStore images,
            AuditLog audit,
            TransactionTemplate transaction,
            MemberAccess access,
            AlertStore alerts,
            CletsScreen clets) {
        this.access = access;
        this.alerts = alerts;
        this.clets = clets;
        this.detections = detections;
        this.images = images;
        this.audit = audit;
        this.transaction = transaction;
    }

    @Operation(summary = "The JPEG of a read (officers, investigators, supervisors, administrators; audited)")
    @GetMapping("/api/v1/reads/{readId}/image")
    @PreAuthorize("hasAnyRole('OFFICER', 'INVESTIGATOR', 'SUPERVISOR', 'ADMINISTRATOR')")
    ResponseEntity<byte[]> image(@PathVariable UUID readId) throws IOException {
        UserAccount member = requireOperator();
        List<Long> lists = alerts.hotlistsAlertedOn(readId);
        if (lists.isEmpty()) {
            throw new ProblemException(
                    ProblemType.NOT_FOUND,
                    "readId",
                    "readId: read " + readId + " raised no alert; a stored read's image is viewed through the search"
                            + " that found it, with its case number");
        }
        if (lists.stream().allMatch(clets::derived) && !clets.cleared(member)) {
            throw access.refusal(member, Permission.QUERY_CLETS).orElseThrow();
        }
        String sha = transaction.execute(status -> {
            String found = detections
                    .imageOf(readId)
                    .orElseThrow(() -> new ProblemException(
                            ProblemType.NOT_FOUND, "readId", "readId: no image is stored for read " + readId));
            audit.record(AuditEvent.of("image.viewed", "read:" + readId));
            return found;
        });
        return StoredImageResponse.of(images, sha, readId);
    }

    /**
     * Images are ALPR data: the member must be active and currently trained to act on alerts (the role
     * check above is only the first gate).
     */
    private UserAccount requireOperator() {
        UserAccount member = access.requireMember();
        if (!access.may(member, Permission.ACT_ON_ALERTS)) {
            throw access.refusal(member, Permission.ACT_ON_ALERTS).orElseThrow();
        }
        return member;
    }
}
