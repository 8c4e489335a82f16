package org.platewatch.server.retention;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.policy.DepartmentProfile;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The purge's record: deletion certificates and where the purge stands. For administrators (who manage retention)
 * and auditors (who hold the purge to the policy); neither reveals a detection, only counts, days and hashes.
 */
@RestController
@RequestMapping("/api/v1/retention")
@ConditionalOnWebApplication
class RetentionController {

    static final String MAY_READ =
            "hasAuthority('PERMISSION_MANAGE_RETENTION') or hasAuthority('PERMISSION_READ_AUDIT')";
    static final int MAX_PAGE_SIZE = 500;

    private final PurgeStore store;
    private final PurgeSchedule schedule;
    private final DepartmentProfile profile;
    private final Clock clock;
    private final AgencyDues dues;

    RetentionController(
            PurgeStore store, PurgeSchedule schedule, DepartmentProfile profile, Clock clock, AgencyDues dues) {
        this.dues = dues;
        this.store = store;
        this.schedule = schedule;
        this.profile = profile;
        this.clock = clock;
    }

    /** A page of certificates, newest first. */
    record CertificatePage(List<DeletionCertificate> certificates, long total, int page, int size) {}

    @GetMapping("/certificates")
    @PreAuthorize(MAY_READ)
    CertificatePage certificates(
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        if (page < 0) {
            throw ProblemException.invalid("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ProblemException.invalid("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        return new CertificatePage(store.certificates(size, (long) page * size), store.certificateCount(), page, size);
    }

    @GetMapping("/status")
    @PreAuthorize(MAY_READ)
    RetentionStatus status() {
        return status(store, schedule, profile, clock, dues);
    }

    static RetentionStatus status(
            PurgeStore store, PurgeSchedule schedule, DepartmentProfile profile, Clock clock, AgencyDues dues) {
        LocalDate today = LocalDate.now(clock.withZone(profile.zone()));
        return RetentionStatus.of(
                profile,
                store.partitionDays().stream().findFirst().flatMap(store::oldestDetection),
                today,
                schedule.nextRun(),
                store.certificateCount(),
                dues.dues());
    }
}
