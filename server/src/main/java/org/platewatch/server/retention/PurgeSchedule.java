package org.platewatch.server.retention;

import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.platewatch.server.platform.ClusterJobs;
import org.platewatch.server.policy.DepartmentProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.CronTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.stereotype.Component;

/**
 * Runs the purge daily on {@code platewatch.retention.purge-cron} in the department's zone, and once when the server
 * is ready, so that a server that was down on a purge day catches up (the certificates record that it was late).
 * One run at a time here; across servers the purge's advisory lock serialises them, and {@link ClusterJobs} runs
 * each scheduled time once.
 *
 * <p>Only in the server: a command-line subcommand (a context without a web server) may run under another profile
 * than the server's (it takes no {@code --profile}), and must not purge by it.
 */
@Component
@ConditionalOnWebApplication
class PurgeSchedule implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(PurgeSchedule.class);

    private final DetectionPurge purge;
    private final RetentionProperties properties;
    private final DepartmentProfile profile;
    private final Clock clock;
    private final ReentrantLock running = new ReentrantLock();
    private final ClusterJobs jobs;

    PurgeSchedule(
            DetectionPurge purge,
            RetentionProperties properties,
            DepartmentProfile profile,
            Clock clock,
            ClusterJobs jobs) {
        this.jobs = jobs;
        this.purge = purge;
        this.properties = properties;
        this.profile = profile;
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addCronTask(
                new CronTask(this::runOnceInCluster, new CronTrigger(properties.purgeCron(), profile.zone())));
    }

    @EventListener(ApplicationReadyEvent.class)
    void catchUp() {
        if (properties.purgeAtStart()) {
            runOnceInCluster();
            log.info("Start-up purge done");
        }
    }

    /**
     * The scheduled purge (and the start-up catch-up): once per cron time across the servers of a cluster, so a
     * server started after today's purge does not purge again.
     */
    boolean runOnceInCluster() {
        return jobs.runOncePerCron("retention-purge", properties.purgeCron(), profile.zone(), this::run);
    }

    /** Runs the purge unless a run is already going; empty then. */
    Optional<DetectionPurge.PurgeRun> run() {
        if (!running.tryLock()) {
            log.info("A purge is already running; this one is skipped");
            return Optional.empty();
        }
        try {
            DetectionPurge.PurgeRun run = purge.run();
            if (!run.certificates().isEmpty() || run.auditRecords() > 0) {
                log.info(
                        "Purge of {}: {} partitions, {} images, {} audit records",
                        run.today(),
                        run.certificates().size(),
                        run.images(),
                        run.auditRecords());
            }
            return Optional.of(run);
        } catch (RuntimeException e) {
            log.error("The purge failed; the next run catches up", e);
            return Optional.empty();
        } finally {
            running.unlock();
        }
    }

    /** When the next scheduled run starts. */
    Instant nextRun() {
        ZonedDateTime now = ZonedDateTime.ofInstant(clock.instant(), profile.zone());
        ZonedDateTime next = CronExpression.parse(properties.purgeCron()).next(now);
        return next == null ? null : next.toInstant();
    }
}
