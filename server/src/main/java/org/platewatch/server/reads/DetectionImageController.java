package org.platewatch.server.reads;

import io.swagger.v3.oas.annotations.Operation;
import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;
import org.platewatch.server.audit.AuditEvent;
import org.platewatch.server.audit.AuditLog;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.platform.ProblemType;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A read's image for the people who verify alerts and investigate. Viewing an image is an access
 * to ALPR data, so it is audited before the bytes leave; auditors and devices may not view images.
 */
@RestController
class DetectionImageController {

    private final DetectionStore detections;
    private final ImageStore images;
    private final AuditLog audit;
    private final TransactionTemplate transaction;

    DetectionImageController(DetectionStore detections, ImageStore images, AuditLog audit,
            TransactionTemplate transaction) {
        this.detections = detections;
        this.images = images;
        this.audit = audit;
        this.transaction = transaction;
    }

    @Operation(summary = "The JPEG of a read (officers, investigators, supervisors, administrators; audited)")
    @GetMapping("/api/v1/reads/{readId}/image")
    @PreAuthorize("hasAnyRole('OFFICER', 'INVESTIGATOR', 'SUPERVISOR', 'ADMINISTRATOR')")
    ResponseEntity<byte[]> image(@PathVariable UUID readId) throws IOException {
        String sha = transaction.execute(status -> {
            String found = detections.imageOf(readId).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                    "readId", "readId: no image is stored for read " + readId));
            audit.record(AuditEvent.of("image.viewed", "read:" + readId));
            return found;
        });
        try (InputStream in = images.open(sha).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "readId", "readId: the image of read " + readId + " is no longer stored"))) {
            return ResponseEntity.ok().contentType(MediaType.IMAGE_JPEG)
                    .cacheControl(CacheControl.noStore()).body(in.readAllBytes());
        }
    }
}
