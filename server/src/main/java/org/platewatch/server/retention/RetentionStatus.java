package org.platewatch.server.retention;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.platewatch.server.policy.DepartmentProfile;
import org.platewatch.server.policy.PurgeCalendar;

/**
 * Where the purge stands, for the console and {@code GET /api/v1/retention/status}.
 *
 * @param zone               the department's zone, in which the dates are
 * @param detectionRetention the profile's detection retention, in words
 * @param hitRetention       the profile's hit retention, in words
 * @param auditLogRetention  the profile's audit-log retention (ISO period)
 * @param oldestDetection    the capture time of the oldest detection still stored (held ones aside); null when none
 * @param oldestGoesOn       the local date its day partition is purged on; null when none or never
 * @param overdue            whether that date has passed (a purge failed or the server was down)
 * @param nextPurge          when the next scheduled purge runs
 * @param certificates       how many deletion certificates there are
 * @param agencies           hub mode: each agency's retention and the day its oldest reads go; empty in a single
 *                           department
 */
record RetentionStatus(
        String zone,
        String detectionRetention,
        String hitRetention,
        String auditLogRetention,
        Instant oldestDetection,
        LocalDate oldestGoesOn,
        boolean overdue,
        Instant nextPurge,
        long certificates,
        List<AgencyDues.AgencyDue> agencies) {

    static RetentionStatus of(
            DepartmentProfile profile,
            Optional<Instant> oldest,
            LocalDate today,
            Instant nextPurge,
            long certificates,
            List<AgencyDues.AgencyDue> agencies) {
        Optional<LocalDate> goesOn = oldest.flatMap(t -> PurgeCalendar.forDetections(profile)
                .map(c -> c.partitionDueOn(LocalDate.ofInstant(t, java.time.ZoneOffset.UTC))));
        return new RetentionStatus(
                profile.zone().getId(),
                profile.detectionRetention().describe(),
                profile.hitRetention().describe(),
                profile.auditLogRetention().toString(),
                oldest.orElse(null),
                goesOn.orElse(null),
                goesOn.map(d -> d.isBefore(today)).orElse(false),
                nextPurge,
                certificates,
                agencies);
    }
}
