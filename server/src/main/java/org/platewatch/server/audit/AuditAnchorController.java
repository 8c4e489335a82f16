package org.platewatch.server.audit;

import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.platform.ProblemType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The newest signed chain head, with the text it signs and the public key, so that an auditor (and
 * later the transparency page) can check it without Platewatch. Auditors and administrators.
 */
@RestController
@RequestMapping("/api/v1/audit/anchors")
class AuditAnchorController {

    private final AuditAnchors anchors;

    AuditAnchorController(AuditAnchors anchors) {
        this.anchors = anchors;
    }

    @GetMapping("/latest")
    @PreAuthorize("hasAuthority('PERMISSION_READ_AUDIT')")
    AuditAnchors.SignedHead latest() {
        return anchors.latest()
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "no audit anchor has been written yet"));
    }
}
