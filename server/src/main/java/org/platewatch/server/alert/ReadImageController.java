package org.platewatch.server.alert;

import io.swagger.v3.oas.annotations.Operation;
import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;
import org.platewatch.server.audit.AuditEvent;
import org.platewatch.server.audit.AuditLog;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.platform.ProblemType;
import org.platewatch.server.reads.DetectionStore;
import org.platewatch.server.reads.ImageStore;
import org.platewatch.server.users.MemberAccess;
import org.platewatch.server.users.Permission;
import org.platewatch.server.users.UserAccount;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A read's image for the people who verify alerts and investigate. (It lives here, not in
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

    ReadImageController(
            DetectionStore detections,
            ImageStore images,
            AuditLog audit,
            TransactionTemplate transaction,
            MemberAccess access) {
        this.access = access;
        this.detections = detections;
        this.images = images;
        this.audit = audit;
        this.transaction = transaction;
    }

    @Operation(summary = "The JPEG of a read (officers, investigators, supervisors, administrators; audited)")
    @GetMapping("/api/v1/reads/{readId}/image")
    @PreAuthorize("hasAnyRole('OFFICER', 'INVESTIGATOR', 'SUPERVISOR', 'ADMINISTRATOR')")
    ResponseEntity<byte[]> image(@PathVariable UUID readId) throws IOException {
        requireOperator();
        String sha = transaction.execute(status -> {
            String found = detections
                    .imageOf(readId)
                    .orElseThrow(() -> new ProblemException(
                            ProblemType.NOT_FOUND, "readId", "readId: no image is stored for read " + readId));
            audit.record(AuditEvent.of("image.viewed", "read:" + readId));
            return found;
        });
        try (InputStream in = images.open(sha)
                .orElseThrow(() -> new ProblemException(
                        ProblemType.NOT_FOUND,
                        "readId",
                        "readId: the image of read " + readId + " is no longer stored"))) {
            return ResponseEntity.ok()
                    .contentType(MediaType.IMAGE_JPEG)
                    .cacheControl(CacheControl.noStore())
                    .body(in.readAllBytes());
        }
    }

    /**
     * Images are ALPR data: the member must be active and currently trained, as one who verifies
     * alerts or one who investigates (the role check above is only the first gate).
     */
    private void requireOperator() {
        UserAccount member = access.requireMember();
        if (!access.may(member, Permission.ACT_ON_ALERTS) && !access.may(member, Permission.SEARCH_DETECTIONS)) {
            throw access.refusal(member, Permission.ACT_ON_ALERTS).orElseThrow();
        }
    }
}
