package org.platewatch.server.ingest;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of what edge agents report about their units: shift-start checks and the backlog. */
@Repository
class DeviceHealthStore {

    private final JdbcClient jdbc;

    DeviceHealthStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long recordCheck(UUID deviceId, Instant checkedAt, Instant receivedAt, boolean passed, String itemsJson) {
        return jdbc.sql("""
                        INSERT INTO device_checks (device_id, checked_at, received_at, passed, items)
                        VALUES (?, ?, ?, ?, CAST(? AS jsonb)) RETURNING id
                        """)
                .params(deviceId, Timestamp.from(checkedAt), Timestamp.from(receivedAt), passed, itemsJson)
                .query(Long.class)
                .single();
    }

    void recordStatus(UUID deviceId, Instant agentStartedAt, long waiting, long refused, Instant oldest, Instant at) {
        jdbc.sql("""
                        UPDATE devices SET agent_started_at = ?, backlog_reads = ?, backlog_refused = ?,
                                           backlog_oldest_at = ?, backlog_reported_at = ?
                        WHERE id = ?
                        """)
                .params(
                        Timestamp.from(agentStartedAt),
                        waiting,
                        refused,
                        oldest == null ? null : Timestamp.from(oldest),
                        Timestamp.from(at),
                        deviceId)
                .update();
    }

    /** A unit's last report and its latest check. */
    record UnitHealth(
            UUID deviceId,
            Instant agentStartedAt,
            Long backlogReads,
            Long backlogRefused,
            Instant backlogOldestAt,
            Instant backlogReportedAt,
            Instant lastCheckAt,
            Boolean lastCheckPassed,
            boolean shiftChecked) {}

    /**
     * Every device's health as its agent last reported it, by device id. {@code shiftChecked}: a passing
     * check lies between {@code validity} before the agent's start and {@code grace} after it.
     */
    Map<UUID, UnitHealth> all(Duration validity, Duration grace) {
        return jdbc
                .sql("""
                        SELECT d.id, d.agent_started_at, d.backlog_reads, d.backlog_refused, d.backlog_oldest_at,
                               d.backlog_reported_at, c.checked_at, c.passed,
                               EXISTS (SELECT 1 FROM device_checks p
                                        WHERE p.device_id = d.id AND p.passed
                                          AND p.checked_at >= d.agent_started_at - make_interval(secs => ?)
                                          AND p.checked_at <= d.agent_started_at + make_interval(secs => ?))
                                   AS shift_checked
                        FROM devices d
                        LEFT JOIN LATERAL (SELECT checked_at, passed FROM device_checks
                                           WHERE device_id = d.id ORDER BY checked_at DESC LIMIT 1) c ON true
                        """)
                .params((double) validity.toSeconds(), (double) grace.toSeconds())
                .query((rs, n) -> new UnitHealth(
                        rs.getObject("id", UUID.class),
                        instant(rs.getTimestamp("agent_started_at")),
                        (Long) rs.getObject("backlog_reads"),
                        (Long) rs.getObject("backlog_refused"),
                        instant(rs.getTimestamp("backlog_oldest_at")),
                        instant(rs.getTimestamp("backlog_reported_at")),
                        instant(rs.getTimestamp("checked_at")),
                        (Boolean) rs.getObject("passed"),
                        rs.getBoolean("shift_checked")))
                .list()
                .stream()
                .collect(Collectors.toMap(UnitHealth::deviceId, h -> h));
    }

    List<Boolean> checkResults(UUID deviceId) {
        return jdbc.sql("SELECT passed FROM device_checks WHERE device_id = ? ORDER BY checked_at")
                .param(deviceId)
                .query(Boolean.class)
                .list();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
