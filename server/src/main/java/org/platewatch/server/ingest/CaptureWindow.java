package org.platewatch.server.ingest;

import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.policy.DepartmentProfile;
import org.platewatch.server.policy.RetentionBound;
import org.springframework.stereotype.Component;

/**
 * The capture times a read may have: not in the future beyond the allowed clock skew, and not
 * older than the department keeps detections when its policy sets a purge age (such a read would
 * be stored only to be purged, and each old day would cost a partition). Never before 2000.
 */
@Component
class CaptureWindow {

    private static final Instant FLOOR = Instant.parse("2000-01-01T00:00:00Z");

    private final IngestProperties limits;
    private final DepartmentProfile profile;
    private final Clock clock;

    CaptureWindow(IngestProperties limits, DepartmentProfile profile, Clock clock) {
        this.limits = limits;
        this.profile = profile;
        this.clock = clock;
    }

    /** Checks one capture time; {@code field} names it in the error. */
    Instant check(Instant capturedAt, String field) {
        Instant now = clock.instant();
        if (capturedAt.isAfter(now.plus(limits.maxClockSkew()))) {
            throw ProblemException.invalid(field, "is in the future (check the device clock)");
        }
        if (capturedAt.isBefore(earliest(now))) {
            throw ProblemException.invalid(field, "is older than " + profile.departmentName()
                    + " keeps detections (" + profile.detectionRetention().describe() + "); check the device clock");
        }
        return capturedAt;
    }

    private Instant earliest(Instant now) {
        RetentionBound bound = profile.detectionRetention().bound();
        if (bound != RetentionBound.PURGE_AT && bound != RetentionBound.AT_MOST) {
            return FLOOR;
        }
        return profile.detectionRetention().purgeAfter()
                .map(period -> ZonedDateTime.ofInstant(now, profile.zone()).minus(period).toInstant())
                .filter(t -> t.isAfter(FLOOR))
                .orElse(FLOOR);
    }
}
