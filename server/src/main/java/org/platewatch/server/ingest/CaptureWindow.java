package org.platewatch.server.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.policy.DepartmentProfile;
import org.platewatch.server.policy.PurgeCalendar;
import org.springframework.stereotype.Component;

/**
 * The capture times a read may have: not in the future beyond the allowed clock skew, and not
 * further back than the device may hold reads. A mobile unit (offline on patrol) may hold them as
 * long as the department's policy lets a vehicle go between transfers ({@code maxUploadInterval},
 * Hayward 429.5(c): 30 days), but never less than a fixed camera; a fixed camera, on the network,
 * a few days ({@code platewatch.ingest.fixed-camera-backlog}). A device that back-dates further is
 * faulty or forging reads. Never older than the department keeps detections (such a read would be
 * stored only to be purged), never before 2000.
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

    /** Checks one capture time of a device of {@code kind}; {@code field} names it in the error. */
    Instant check(Instant capturedAt, String field, DeviceKind kind) {
        Instant now = clock.instant();
        if (capturedAt.isAfter(now.plus(limits.maxClockSkew()))) {
            throw ProblemException.invalid(field, "is in the future (check the device clock)");
        }
        if (capturedAt.isBefore(earliest(now))) {
            throw ProblemException.invalid(
                    field,
                    "is older than " + profile.departmentName() + " keeps detections ("
                            + profile.detectionRetention().describe() + "); check the device clock");
        }
        Duration backlog = backlog(kind);
        if (capturedAt.isBefore(now.minus(backlog))) {
            throw ProblemException.invalid(
                    field,
                    "is more than " + backlog.toDays() + " days ago, further back than "
                            + (kind == DeviceKind.FIXED ? "a fixed camera" : "a mobile unit") + " may hold reads; "
                            + "check the device clock");
        }
        return capturedAt;
    }

    /** How long a device of this kind may hold a read before uploading it. */
    Duration backlog(DeviceKind kind) {
        Duration fixed = limits.fixedCameraBacklog();
        if (kind == DeviceKind.FIXED) {
            return fixed;
        }
        // ZERO is "uploaded immediately" in the policy texts; a car still loses its connection for a while.
        Duration mobile = profile.maxUploadInterval();
        return mobile.compareTo(fixed) > 0 ? mobile : fixed;
    }

    /**
     * The first instant not yet due for the purge today ({@code PurgeCalendar}): a read captured before it belongs
     * to a day that is purged, or about to be. Accepting it would store it only to purge it, and a read whose
     * partition was dropped would come back (its receipt goes with the partition).
     */
    private Instant earliest(Instant now) {
        return PurgeCalendar.forDetections(profile)
                .map(calendar -> calendar.dueBefore(LocalDate.ofInstant(now, calendar.zone())))
                .filter(t -> t.isAfter(FLOOR))
                .orElse(FLOOR);
    }
}
