package org.platewatch.server.retention;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import org.platewatch.server.platform.AgencyId;
import org.platewatch.server.policy.DepartmentProfile;
import org.platewatch.server.policy.PurgeCalendar;

/**
 * One agency of a hub and the profile its reads are purged by: its own shipped profile (V71, recorded when it was
 * registered), or the profile in force.
 */
record AgencyRetention(AgencyId agency, String code, DepartmentProfile profile) {

    Optional<PurgeCalendar> calendar() {
        return PurgeCalendar.forDetections(profile);
    }

    LocalDate today(Clock clock) {
        return LocalDate.now(clock.withZone(profile.zone()));
    }

    /** Whether the agency's reads in the UTC day partition of {@code day} are due today. */
    boolean due(LocalDate day, Clock clock) {
        return calendar().map(c -> !c.partitionDueOn(day).isAfter(today(clock))).orElse(false);
    }
}
