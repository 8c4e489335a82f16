package org.platewatch.server.alert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.platewatch.plate.hotlist.MatchKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SQL of the alert tables. Callers own the transactions. The snapshots and a transition's details are
 * {@code jsonb} columns, written from and read into their records here and nowhere else.
 */
@Repository
class AlertStore {

    /** Snapshots written by earlier versions may carry fields the records no longer have. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** An alert's row: the alert's own fields and the keys the hot-list quality counts need. */
    record AlertRow(
            long id,
            long entryId,
            UUID deviceId,
            long hotlistId,
            String entryPlate,
            String entryState,
            AlertState state,
            MatchKind matchKind,
            Instant raisedAt,
            ReadSnapshot read,
            EntrySnapshot entry,
            AlertChecks checks,
            StopOutcome outcome,
            String incidentNumber) {

        Alert alert(List<AlertTransition> transitions, boolean hasImage, boolean cletsDerived) {
            return new Alert(
                    id,
                    state,
                    raisedAt,
                    matchKind,
                    Alert.Read.of(read, hasImage),
                    entry,
                    checks,
                    transitions,
                    outcome,
                    incidentNumber,
                    cletsDerived,
                    null);
        }

        @Override
        public String toString() {
            return "AlertRow[id=" + id + ", state=" + state + "]"; // never plate text in a log line
        }
    }

    /** What raising an alert stores; the row's own state starts at ALERT. */
    record NewAlert(
            long entryId,
            long hotlistId,
            String entryPlate,
            String entryState,
            MatchKind matchKind,
            Instant raisedAt,
            ReadSnapshot read,
            EntrySnapshot entry,
            AlertChecks checks) {}

    private final JdbcClient jdbc;

    AlertStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the alert unless this read already raised one on this entry; empty when it had. */
    Optional<Long> insert(NewAlert a) {
        return jdbc.sql("""
                        INSERT INTO alerts (read_id, entry_id, device_id, hotlist_id, entry_plate, entry_state, state,
                                            match_kind, raised_at, updated_at, read_json, entry_json, checks_json)
                        VALUES (?, ?, ?, ?, ?, ?, 'ALERT', ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb), CAST(? AS jsonb))
                        ON CONFLICT (read_id, entry_id) DO NOTHING
                        RETURNING id
                        """)
                .params(
                        a.read().readId(),
                        a.entryId(),
                        a.read().deviceId(),
                        a.hotlistId(),
                        a.entryPlate(),
                        a.entryState() == null ? "" : a.entryState(),
                        a.matchKind().name(),
                        Timestamp.from(a.raisedAt()),
                        Timestamp.from(a.raisedAt()),
                        JSON.writeValueAsString(a.read()),
                        JSON.writeValueAsString(a.entry()),
                        JSON.writeValueAsString(a.checks()))
                .query(Long.class)
                .optional();
    }

    /** The hot lists of the alerts raised on a read: none when the read raised no alert. */
    List<Long> hotlistsAlertedOn(UUID readId) {
        return jdbc.sql("SELECT DISTINCT hotlist_id FROM alerts WHERE read_id = ?")
                .param(readId)
                .query(Long.class)
                .list();
    }

    /** {@code readId:entryId} of every alert raised since then. */
    Set<String> raisedSince(Instant since) {
        return new HashSet<>(jdbc.sql("SELECT read_id::text || ':' || entry_id FROM alerts WHERE raised_at >= ?")
                .param(Timestamp.from(since))
                .query(String.class)
                .list());
    }

    /**
     * Lets this transaction's commit return before its WAL reaches the disk ({@code synchronous_commit = off},
     * for this transaction only). For raising an alert: the read it derives from is already durable, a crash of
     * the database within the WAL writer's delay loses the alert and its audit row together (the hash chain
     * stays whole: WAL is flushed in order) and the re-match raises it again; in exchange the alert reaches
     * the consoles one disk flush sooner, which is most of its latency tail on a busy disk.
     */
    void commitWithoutWaitingForDisk() {
        jdbc.sql("SET LOCAL synchronous_commit TO OFF").update();
    }

    Optional<AlertRow> find(long id) {
        return jdbc.sql("SELECT * FROM alerts WHERE id = ?")
                .param(id)
                .query(AlertStore::map)
                .optional();
    }

    Optional<AlertRow> lock(long id) {
        return jdbc.sql("SELECT * FROM alerts WHERE id = ? FOR UPDATE")
                .param(id)
                .query(AlertStore::map)
                .optional();
    }

    List<AlertRow> page(AlertState stateOrNull, int page, int size) {
        if (stateOrNull == null) {
            return jdbc.sql("SELECT * FROM alerts ORDER BY id DESC LIMIT ? OFFSET ?")
                    .params(size, (long) page * size)
                    .query(AlertStore::map)
                    .list();
        }
        return jdbc.sql("SELECT * FROM alerts WHERE state = ? ORDER BY id DESC LIMIT ? OFFSET ?")
                .params(stateOrNull.name(), size, (long) page * size)
                .query(AlertStore::map)
                .list();
    }

    long count(AlertState stateOrNull) {
        if (stateOrNull == null) {
            return jdbc.sql("SELECT count(*) FROM alerts").query(Long.class).single();
        }
        return jdbc.sql("SELECT count(*) FROM alerts WHERE state = ?")
                .param(stateOrNull.name())
                .query(Long.class)
                .single();
    }

    /** Moves the alert to the transition's state and appends the transition; returns its details as stored. */
    String recordTransition(long alertId, AlertTransition t) {
        String outcome = null;
        String incident = null;
        if (t.details() instanceof Transition.Cleared cleared) {
            outcome = cleared.outcome() == null ? null : cleared.outcome().name();
            incident = cleared.incidentNumber();
        }
        jdbc.sql("""
                        UPDATE alerts SET state = ?, updated_at = ?, outcome = coalesce(?, outcome),
                                          incident_number = coalesce(?, incident_number)
                        WHERE id = ?
                        """)
                .params(t.to().name(), Timestamp.from(t.at()), outcome, incident, alertId)
                .update();
        String details = JSON.writeValueAsString(t.details());
        jdbc.sql("""
                        INSERT INTO alert_transitions (alert_id, from_state, to_state, by_username, at, details)
                        VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb))
                        """)
                .params(alertId, t.from().name(), t.to().name(), t.by(), Timestamp.from(t.at()), details)
                .update();
        return details;
    }

    List<AlertTransition> transitions(long alertId) {
        return jdbc.sql("SELECT * FROM alert_transitions WHERE alert_id = ? ORDER BY id")
                .param(alertId)
                .query((rs, n) -> {
                    AlertState to = AlertState.valueOf(rs.getString("to_state"));
                    return new AlertTransition(
                            AlertState.valueOf(rs.getString("from_state")),
                            to,
                            rs.getString("by_username"),
                            rs.getTimestamp("at").toInstant(),
                            JSON.readValue(rs.getString("details"), Transition.typeOf(to)));
                })
                .list();
    }

    /** Alerts, misreads and not-confirmed results per camera. */
    List<CameraQuality> perCamera() {
        return jdbc.sql("""
                        SELECT a.device_id, max(a.read_json ->> 'deviceName') AS device_name,
                               count(*) AS alerts,
                               count(*) FILTER (WHERE EXISTS (SELECT 1 FROM alert_transitions t
                                                WHERE t.alert_id = a.id AND t.to_state = 'MISREAD')) AS misreads,
                               count(*) FILTER (WHERE EXISTS (SELECT 1 FROM alert_transitions t
                                                WHERE t.alert_id = a.id AND t.to_state = 'NOT_CONFIRMED'))
                                   AS not_confirmed
                        FROM alerts a GROUP BY a.device_id ORDER BY misreads DESC, alerts DESC
                        """)
                .query((rs, n) -> new CameraQuality(
                        rs.getObject("device_id", UUID.class),
                        rs.getString("device_name"),
                        rs.getLong("alerts"),
                        rs.getLong("misreads"),
                        rs.getLong("not_confirmed")))
                .list();
    }

    /** Deletes alerts raised before the cutoff (their transitions go with them); returns how many. */
    int purgeRaisedBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM alerts WHERE raised_at < ?")
                .param(Timestamp.from(cutoff))
                .update();
    }

    /** One camera's alert quality. */
    record CameraQuality(UUID deviceId, String deviceName, long alerts, long misreads, long notConfirmed) {}

    private static AlertRow map(ResultSet rs, int n) throws SQLException {
        String outcome = rs.getString("outcome");
        return new AlertRow(
                rs.getLong("id"),
                rs.getLong("entry_id"),
                rs.getObject("device_id", UUID.class),
                rs.getLong("hotlist_id"),
                rs.getString("entry_plate"),
                rs.getString("entry_state"),
                AlertState.valueOf(rs.getString("state")),
                MatchKind.valueOf(rs.getString("match_kind")),
                rs.getTimestamp("raised_at").toInstant(),
                JSON.readValue(rs.getString("read_json"), ReadSnapshot.class),
                JSON.readValue(rs.getString("entry_json"), EntrySnapshot.class),
                JSON.readValue(rs.getString("checks_json"), AlertChecks.class),
                outcome == null ? null : StopOutcome.valueOf(outcome),
                rs.getString("incident_number"));
    }
}
