package org.platewatch.server.reads;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.platewatch.server.platform.ClusterJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keeps a partition of {@code detections} for every UTC day that reads arrive for: a week ahead
 * is created at start and every night, and a late upload (a patrol car that was offline for days)
 * gets its day's partition on demand, inside the same transaction as its insert.
 */
@Component
public class DetectionPartitions {

    private static final Logger log = LoggerFactory.getLogger(DetectionPartitions.class);
    static final int DAYS_AHEAD = 7;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ClusterJobs jobs;
    private static final String NIGHTLY = "0 5 0 * * *";
    private final Set<LocalDate> known = ConcurrentHashMap.newKeySet();

    DetectionPartitions(JdbcClient jdbc, Clock clock, ClusterJobs jobs) {
        this.jobs = jobs;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Nightly, once across the servers of a cluster; at start every server checks (creating only what is missing). */
    @Scheduled(cron = NIGHTLY, zone = "UTC")
    void nightly() {
        jobs.runOncePerCron("detection-partitions", NIGHTLY, ZoneOffset.UTC, this::createAhead);
    }

    @EventListener(ApplicationReadyEvent.class)
    public void createAhead() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        int created = 0;
        for (int i = -1; i <= DAYS_AHEAD; i++) {
            if (ensure(today.plusDays(i))) {
                created++;
            }
        }
        if (created > 0) {
            log.info("Created {} detection partitions ahead", created);
        }
    }

    /**
     * Makes sure each capture day has its partition, creating at most {@code maxNew}; call inside the
     * inserting transaction, which a {@link RefusedBatch.TooManyNewDays} rolls back with the partitions
     * it created. Each partition is a table: a device must not create them by the hundred.
     */
    void ensureFor(Collection<Instant> capturedAt, int maxNew) {
        Set<LocalDate> days = new TreeSet<>();
        for (Instant t : capturedAt) {
            LocalDate day = t.atOffset(ZoneOffset.UTC).toLocalDate();
            if (!known.contains(day)) {
                days.add(day);
            }
        }
        int created = 0;
        for (LocalDate day : days) {
            if (ensure(day) && ++created > maxNew) {
                throw new RefusedBatch.TooManyNewDays(day, maxNew);
            }
        }
    }

    /** Retention calls this after dropping a day's partition. */
    public void forget(LocalDate day) {
        known.remove(day);
    }

    private boolean ensure(LocalDate day) {
        Boolean created = jdbc.sql("SELECT ensure_detection_partition(?)")
                .param(day)
                .query(Boolean.class)
                .single();
        if (Boolean.TRUE.equals(created)) {
            // In hub mode a new partition must not be readable by its own name (V70); outside it, this does nothing.
            jdbc.sql("SELECT seal_detection_partitions()").query(Integer.class).single();
        }
        rememberOnceCommitted(day);
        return Boolean.TRUE.equals(created);
    }

    /**
     * The partition exists for others only once the creating transaction commits; if the batch
     * that created it rolls back, so does the partition, and the day must not be remembered.
     */
    private void rememberOnceCommitted(LocalDate day) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            known.add(day);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                known.add(day);
            }
        });
    }
}
