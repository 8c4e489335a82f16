package org.platewatch.server.alert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of the alert tables. Callers own the transactions. */
@Repository
class AlertStore {

    record AlertRow(long id, UUID readId, long entryId, UUID deviceId, long hotlistId, String entryPlate,
            String entryState, AlertState state, String matchKind, Instant raisedAt, Instant updatedAt,
            String readJson, String entryJson, String checksJson, String outcome, String incidentNumber) {

        @Override
        public String toString() {
            return "AlertRow[id=" + id + ", state=" + state + "]"; // never plate text in a log line
        }
    }

    record TransitionRow(long alertId, AlertState from, AlertState to, String by, Instant at, String details) {
    }

    private final JdbcClient jdbc;

    AlertStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the alert unless this read already raised one on this entry; empty when it had. */
    Optional<Long> insert(UUID readId, long entryId, UUID deviceId, long hotlistId, String entryPlate,
            String entryState, String matchKind, Instant at, String readJson, String entryJson, String checksJson) {
        return jdbc.sql("""
                        INSERT INTO alerts (read_id, entry_id, device_id, hotlist_id, entry_plate, entry_state, state,
                                            match_kind, raised_at, updated_at, read_json, entry_json, checks_json)
                        VALUES (?, ?, ?, ?, ?, ?, 'ALERT', ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (read_id, entry_id) DO NOTHING
                        RETURNING id
                        """)
                .params(readId, entryId, deviceId, hotlistId, entryPlate, entryState == null ? "" : entryState,
                        matchKind, Timestamp.from(at), Timestamp.from(at), readJson, entryJson, checksJson)
                .query(Long.class).optional();
    }

    Optional<AlertRow> find(long id) {
        return jdbc.sql("SELECT * FROM alerts WHERE id = ?").param(id).query(AlertStore::map).optional();
    }

    Optional<AlertRow> lock(long id) {
        return jdbc.sql("SELECT * FROM alerts WHERE id = ? FOR UPDATE").param(id).query(AlertStore::map).optional();
    }

    List<AlertRow> page(AlertState stateOrNull, int page, int size) {
        if (stateOrNull == null) {
            return jdbc.sql("SELECT * FROM alerts ORDER BY id DESC LIMIT ? OFFSET ?")
                    .params(size, (long) page * size).query(AlertStore::map).list();
        }
        return jdbc.sql("SELECT * FROM alerts WHERE state = ? ORDER BY id DESC LIMIT ? OFFSET ?")
                .params(stateOrNull.name(), size, (long) page * size).query(AlertStore::map).list();
    }

    long count(AlertState stateOrNull) {
        if (stateOrNull == null) {
            return jdbc.sql("SELECT count(*) FROM alerts").query(Long.class).single();
        }
        return jdbc.sql("SELECT count(*) FROM alerts WHERE state = ?").param(stateOrNull.name())
                .query(Long.class).single();
    }

    void updateState(long id, AlertState to, Instant at, String outcome, String incidentNumber) {
        jdbc.sql("""
                        UPDATE alerts SET state = ?, updated_at = ?, outcome = coalesce(?, outcome),
                                          incident_number = coalesce(?, incident_number)
                        WHERE id = ?
                        """)
                .params(to.name(), Timestamp.from(at), outcome, incidentNumber, id).update();
    }

    void insertTransition(long alertId, AlertState from, AlertState to, String by, Instant at, String details) {
        jdbc.sql("""
                        INSERT INTO alert_transitions (alert_id, from_state, to_state, by_username, at, details)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """)
                .params(alertId, from.name(), to.name(), by, Timestamp.from(at), details).update();
    }

    List<TransitionRow> transitions(long alertId) {
        return jdbc.sql("SELECT * FROM alert_transitions WHERE alert_id = ? ORDER BY id").param(alertId)
                .query((rs, n) -> new TransitionRow(rs.getLong("alert_id"), AlertState.valueOf(rs.getString("from_state")),
                        AlertState.valueOf(rs.getString("to_state")), rs.getString("by_username"),
                        rs.getTimestamp("at").toInstant(), rs.getString("details")))
                .list();
    }

    /** Alerts, misreads and not-confirmed results per camera. */
    List<CameraQuality> perCamera() {
        return jdbc.sql("""
                        SELECT a.device_id, max(CAST(a.read_json AS jsonb) ->> 'deviceName') AS device_name,
                               count(*) AS alerts,
                               count(*) FILTER (WHERE EXISTS (SELECT 1 FROM alert_transitions t
                                                WHERE t.alert_id = a.id AND t.to_state = 'MISREAD')) AS misreads,
                               count(*) FILTER (WHERE EXISTS (SELECT 1 FROM alert_transitions t
                                                WHERE t.alert_id = a.id AND t.to_state = 'NOT_CONFIRMED'))
                                   AS not_confirmed
                        FROM alerts a GROUP BY a.device_id ORDER BY misreads DESC, alerts DESC
                        """)
                .query((rs, n) -> new CameraQuality(rs.getObject("device_id", UUID.class), rs.getString("device_name"),
                        rs.getLong("alerts"), rs.getLong("misreads"), rs.getLong("not_confirmed")))
                .list();
    }

    /** Deletes alerts raised before the cutoff (their transitions go with them); returns how many. */
    int purgeRaisedBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM alerts WHERE raised_at < ?").param(Timestamp.from(cutoff)).update();
    }

    /** One camera's alert quality. */
    record CameraQuality(UUID deviceId, String deviceName, long alerts, long misreads, long notConfirmed) {
    }

    private static AlertRow map(ResultSet rs, int n) throws SQLException {
        return new AlertRow(rs.getLong("id"), rs.getObject("read_id", UUID.class), rs.getLong("entry_id"),
                rs.getObject("device_id", UUID.class), rs.getLong("hotlist_id"), rs.getString("entry_plate"),
                rs.getString("entry_state"), AlertState.valueOf(rs.getString("state")), rs.getString("match_kind"),
                rs.getTimestamp("raised_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
                rs.getString("read_json"), rs.getString("entry_json"), rs.getString("checks_json"),
                rs.getString("outcome"), rs.getString("incident_number"));
    }
}
