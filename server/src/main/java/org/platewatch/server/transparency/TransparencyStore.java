package org.platewatch.server.transparency;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The public page's SQL: counts only, grouped by month in the department's zone. It reads the tables of the features
 * it reports on (devices, detections, alerts, searches, deletion certificates) because a count over them is all it
 * needs and no row leaves this class: no query here selects a plate, a name, a reason or a position.
 */
@Repository
class TransparencyStore {

    private final JdbcClient jdbc;

    TransparencyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Cameras and patrol-car units in service at some time in [from, to): registered before its end, not retired before its start. */
    long camerasInService(Instant from, Instant to) {
        return jdbc.sql("""
                        SELECT count(*) FROM devices
                        WHERE registered_at < ? AND (retired_at IS NULL OR retired_at >= ?)
                        """)
                .params(Timestamp.from(to), Timestamp.from(from))
                .query(Long.class)
                .single();
    }

    Map<String, Long> detectionsByMonth(ZoneId zone, Instant from, Instant to) {
        return byMonth("detections", "captured_at", zone, from, to);
    }

    Map<String, Long> alertsByMonth(ZoneId zone, Instant from, Instant to) {
        return byMonth("alerts", "raised_at", zone, from, to);
    }

    /** Alerts raised in the month that were ever confirmed by the entering agency. */
    Map<String, Long> confirmedAlertsByMonth(ZoneId zone, Instant from, Instant to) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.sql("""
                        SELECT to_char(a.raised_at AT TIME ZONE ?, 'YYYY-MM') AS month, count(*) AS n FROM alerts a
                        WHERE a.raised_at >= ? AND a.raised_at < ?
                          AND EXISTS (SELECT 1 FROM alert_transitions t WHERE t.alert_id = a.id AND t.to_state = 'CONFIRMED')
                        GROUP BY 1
                        """)
                .params(zone.getId(), Timestamp.from(from), Timestamp.from(to))
                .query(rs -> {
                    counts.put(rs.getString("month"), rs.getLong("n"));
                });
        return counts;
    }

    /** Searches requested in each month, by their stated purpose (the code, never the written reason). */
    List<MonthKind> searchesByPurpose(ZoneId zone, Instant from, Instant to) {
        return jdbc.sql("""
                        SELECT to_char(requested_at AT TIME ZONE ?, 'YYYY-MM') AS month, purpose, count(*) AS n
                        FROM searches WHERE requested_at >= ? AND requested_at < ?
                        GROUP BY 1, 2 ORDER BY 1, 2
                        """)
                .params(zone.getId(), Timestamp.from(from), Timestamp.from(to))
                .query((rs, i) -> new MonthKind(rs.getString("month"), rs.getString("purpose"), rs.getLong("n")))
                .list();
    }

    /** Day partitions purged in each month, on time and late, from the deletion certificates. */
    List<MonthKind> purgesByMonth(ZoneId zone, Instant from, Instant to) {
        return jdbc.sql("""
                        SELECT to_char(purged_at AT TIME ZONE ?, 'YYYY-MM') AS month,
                               CASE WHEN late THEN 'late' ELSE 'onTime' END AS kind, count(*) AS n
                        FROM deletion_certificates WHERE purged_at >= ? AND purged_at < ?
                        GROUP BY 1, 2
                        """)
                .params(zone.getId(), Timestamp.from(from), Timestamp.from(to))
                .query((rs, i) -> new MonthKind(rs.getString("month"), rs.getString("kind"), rs.getLong("n")))
                .list();
    }

    private Map<String, Long> byMonth(String table, String column, ZoneId zone, Instant from, Instant to) {
        Map<String, Long> counts = new HashMap<>();
        // table and column are this class's constants, never input
        jdbc.sql("SELECT to_char(" + column + " AT TIME ZONE ?, 'YYYY-MM') AS month, count(*) AS n FROM " + table
                        + " WHERE " + column + " >= ? AND " + column + " < ? GROUP BY 1")
                .params(zone.getId(), Timestamp.from(from), Timestamp.from(to))
                .query(rs -> {
                    counts.put(rs.getString("month"), rs.getLong("n"));
                });
        return counts;
    }

    /** One count of one kind in one month ({@code YYYY-MM}). */
    record MonthKind(String month, String kind, long count) {}

    /** Releases made in [from, to), by the receiving agency's type (the sharing feature's release ledger). */
    List<KindCount> releasesByAgencyType(Instant from, Instant to) {
        return jdbc.sql("""
                        SELECT a.kind, count(*) AS n
                        FROM release_ledger l
                        JOIN release_requests r ON r.id = l.request_id
                        JOIN sharing_agencies a ON a.id = r.agency_id
                        WHERE l.released_at >= ? AND l.released_at < ?
                        GROUP BY a.kind ORDER BY a.kind
                        """)
                .params(Timestamp.from(from), Timestamp.from(to))
                .query((rs, n) -> new KindCount(rs.getString("kind"), rs.getLong("n")))
                .list();
    }

    /** Periodic access audits completed in [from, to). */
    long auditsCompleted(Instant from, Instant to) {
        return jdbc.sql("SELECT count(*) FROM periodic_audits WHERE completed_at >= ? AND completed_at < ?")
                .params(Timestamp.from(from), Timestamp.from(to))
                .query(Long.class)
                .single();
    }
}
