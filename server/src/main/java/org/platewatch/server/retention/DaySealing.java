package org.platewatch.server.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.platewatch.server.platform.ClusterJobs;
import org.platewatch.server.policy.DepartmentProfile;
import org.platewatch.server.policy.PurgeCalendar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.CronTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.stereotype.Component;

/**
 * Seals the day partitions that no upload should change any more, so that the purge, weeks later, certifies against
 * the seal instead of reading and sorting every id of the day inside its transaction (~0.9 µs a detection: most of a
 * day of a million's purge). A day is sealed once it lies further back than any device may hold a read (the profile's
 * {@code maxUploadInterval}, never less than {@link #FLOOR}) and is not yet due. A late read into a sealed day
 * (a clock fault, a fixture, a backlog longer than expected) voids the seal in its own transaction (the trigger of
 * V67); this job seals the day again on its next run, and if the day is purged first, the purge hashes the ids as it
 * did before seals.
 */
@Component
@ConditionalOnWebApplication
class DaySealing implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(DaySealing.class);

    /** A fixed camera's backlog is a few days; below this a seal would mostly be voided. */
    static final Duration FLOOR = Duration.ofDays(7);

    private final PurgeStore purgeStore;
    private final SealStore seals;
    private final RetentionProperties properties;
    private final DepartmentProfile profile;
    private final Clock clock;
    private final ClusterJobs jobs;

    DaySealing(
            PurgeStore purgeStore,
            SealStore seals,
            RetentionProperties properties,
            DepartmentProfile profile,
            Clock clock,
            ClusterJobs jobs) {
        this.purgeStore = purgeStore;
        this.seals = seals;
        this.properties = properties;
        this.profile = profile;
        this.clock = clock;
        this.jobs = jobs;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addCronTask(new CronTask(
                () -> jobs.runOncePerCron("day-seals", properties.sealCron(), ZoneOffset.UTC, this::run),
                new CronTrigger(properties.sealCron(), ZoneOffset.UTC)));
    }

    /** Seals every day that is due a seal and has none; returns those it sealed. */
    List<LocalDate> run() {
        Optional<PurgeCalendar> calendar = PurgeCalendar.forDetections(profile);
        if (calendar.isEmpty()) {
            return List.of(); // kept indefinitely: nothing is ever purged, nothing to certify
        }
        LocalDate today = LocalDate.now(clock.withZone(profile.zone()));
        LocalDate lastSealable = lastSealable();
        List<LocalDate> candidates = purgeStore.partitionDays().stream()
                .filter(d -> !d.isAfter(lastSealable))
                .filter(d -> calendar.get().partitionDueOn(d).isAfter(today)) // a due day is the purge's now
                .toList();
        List<LocalDate> sealed =
                seals.unsealed(candidates).stream().filter(this::seal).toList();
        if (!sealed.isEmpty()) {
            log.info("Sealed {} day partitions, {} to {}", sealed.size(), sealed.get(0), sealed.get(sealed.size() - 1));
        }
        return sealed;
    }

    /** The newest UTC day whose every read is older than the longest a device may hold one. */
    LocalDate lastSealable() {
        Duration backlog = profile.maxUploadInterval().compareTo(FLOOR) > 0 ? profile.maxUploadInterval() : FLOOR;
        return clock.instant()
                .minus(backlog)
                .atOffset(ZoneOffset.UTC)
                .toLocalDate()
                .minusDays(1);
    }

    private boolean seal(LocalDate day) {
        try {
            return seals.seal(day);
        } catch (DataAccessException e) {
            log.error(
                    "Could not seal the partition of {}: {}",
                    day,
                    e.getMostSpecificCause().getMessage());
            return false;
        }
    }
}
