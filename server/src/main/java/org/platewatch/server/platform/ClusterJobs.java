package org.platewatch.server.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;

/**
 * Runs a scheduled job once per period across every server that shares the database; on a single server it just
 * runs it.
 *
 * <p>A run holds one connection in a transaction for its whole length: {@code pg_try_advisory_xact_lock} on the
 * job (a second server finds it taken and skips, without waiting), then the job's row in {@code cluster_jobs}
 * moved to this period's slot (a server whose timer fires later in the same period finds the slot taken and
 * skips). The job does its own work on other connections, in its own transactions. The claim commits when the job
 * returns; if the job throws or its server dies, the claim rolls back with the connection and the lock goes with
 * it, so the next server whose timer fires in the period runs the job again. The jobs are written to be run again
 * after a partial run (the purge, imports, the re-match and the feed all pick up where the database says).
 */
@Component
public class ClusterJobs {

    private static final Logger log = LoggerFactory.getLogger(ClusterJobs.class);

    private final Cluster cluster;
    private final DataSource dataSource;
    private final Clock clock;

    ClusterJobs(Cluster cluster, DataSource dataSource, Clock clock) {
        this.cluster = cluster;
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Runs the job unless another server ran or runs it in this period ({@code now / period}); true if it ran. */
    public boolean runOncePer(String job, Duration period, Runnable work) {
        return runOnce(job, clock.millis() / Math.max(1, period.toMillis()), work);
    }

    /**
     * Runs the job unless another server ran or runs it for the same cron time. The slot is the cron's next time
     * after now, the same for every server whose timer fires for one scheduled time (and for a start-up catch-up
     * between two of them).
     */
    public boolean runOncePerCron(String job, String cron, ZoneId zone, Runnable work) {
        ZonedDateTime next = CronExpression.parse(cron).next(ZonedDateTime.now(clock.withZone(zone)));
        return runOnce(job, next == null ? Long.MAX_VALUE : next.toInstant().toEpochMilli(), work);
    }

    private boolean runOnce(String job, long slot, Runnable work) {
        if (!cluster.enabled()) {
            work.run();
            return true;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!locked(c, job) || !claimed(c, job, slot)) {
                    c.rollback();
                    log.debug("Job {} skipped: another server runs or ran it in this period", job);
                    return false;
                }
                work.run();
                c.commit();
                return true;
            } catch (RuntimeException | SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("could not hold the cluster lock of job " + job, e);
        }
    }

    private static boolean locked(Connection c, String job) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT pg_try_advisory_xact_lock(hashtext('cluster-job:' || ?))")) {
            ps.setString(1, job);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private boolean claimed(Connection c, String job, long slot) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO cluster_jobs AS j (job, last_slot, last_started_at, instance) VALUES (?, ?, ?, ?)
                ON CONFLICT (job) DO UPDATE
                    SET last_slot = EXCLUDED.last_slot, last_started_at = EXCLUDED.last_started_at,
                        instance = EXCLUDED.instance
                    WHERE j.last_slot < EXCLUDED.last_slot
                RETURNING job
                """)) {
            ps.setString(1, job);
            ps.setLong(2, slot);
            ps.setTimestamp(3, Timestamp.from(clock.instant()));
            ps.setString(4, cluster.instanceId());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
