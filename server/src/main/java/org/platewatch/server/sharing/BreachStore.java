package org.platewatch.server.sharing;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of the security breach record and its steps. */
@Repository
class BreachStore {

    private static final String BREACH = """
            SELECT id, summary, found_at, window_from, window_to, data_concerned, members, subjects, recorded_by,
                   recorded_at, closed_by, closed_at FROM security_breaches""";

    private final JdbcClient jdbc;

    BreachStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long record(SecurityBreach b) {
        return jdbc.sql("""
                        INSERT INTO security_breaches (summary, found_at, window_from, window_to, data_concerned,
                                                       members, subjects, recorded_by, recorded_at)
                        VALUES (?, ?, ?, ?, ?, ?::text[], ?::text[], ?, ?) RETURNING id""")
                .params(
                        b.summary(),
                        Timestamp.from(b.foundAt()),
                        Timestamp.from(b.windowFrom()),
                        Timestamp.from(b.windowTo()),
                        b.dataConcerned(),
                        b.members().toArray(String[]::new),
                        b.subjects().toArray(String[]::new),
                        b.recordedBy(),
                        Timestamp.from(b.recordedAt()))
                .query(Long.class)
                .single();
    }

    /** The breach and its steps; {@code lock} holds the row for a change until the transaction ends. */
    Optional<SecurityBreach> breach(long id, boolean lock) {
        return jdbc.sql(BREACH + " WHERE id = ?" + (lock ? " FOR UPDATE" : ""))
                .param(id)
                .query(this::breach)
                .optional();
    }

    List<SecurityBreach> breaches() {
        return jdbc.sql(BREACH + " ORDER BY found_at DESC, id DESC")
                .query(this::breach)
                .list();
    }

    long addStep(long breachId, SecurityBreach.StepKind kind, String description, String by, Instant at) {
        return jdbc.sql("""
                        INSERT INTO security_breach_steps (breach_id, kind, description, added_by, added_at)
                        VALUES (?, ?, ?, ?, ?) RETURNING id""")
                .params(breachId, kind.name(), description, by, Timestamp.from(at))
                .query(Long.class)
                .single();
    }

    boolean markDone(long breachId, long stepId, String by, Instant at) {
        return jdbc.sql("""
                        UPDATE security_breach_steps SET done_by = ?, done_at = ?
                        WHERE id = ? AND breach_id = ? AND done_at IS NULL""").params(by, Timestamp.from(at), stepId, breachId).update() == 1;
    }

    void close(long id, String by, Instant at) {
        jdbc.sql("UPDATE security_breaches SET closed_by = ?, closed_at = ? WHERE id = ? AND closed_at IS NULL")
                .params(by, Timestamp.from(at), id)
                .update();
    }

    private SecurityBreach breach(ResultSet rs, int n) throws SQLException {
        long id = rs.getLong("id");
        return new SecurityBreach(
                id,
                rs.getString("summary"),
                rs.getTimestamp("found_at").toInstant(),
                rs.getTimestamp("window_from").toInstant(),
                rs.getTimestamp("window_to").toInstant(),
                rs.getString("data_concerned"),
                texts(rs.getArray("members")),
                texts(rs.getArray("subjects")),
                rs.getString("recorded_by"),
                rs.getTimestamp("recorded_at").toInstant(),
                rs.getString("closed_by"),
                SharingStore.instant(rs, "closed_at"),
                steps(id));
    }

    private List<SecurityBreach.Step> steps(long breachId) {
        return jdbc.sql("""
                        SELECT id, kind, description, added_by, added_at, done_by, done_at
                        FROM security_breach_steps WHERE breach_id = ? ORDER BY id""")
                .param(breachId)
                .query((rs, n) -> new SecurityBreach.Step(
                        rs.getLong("id"),
                        SecurityBreach.StepKind.valueOf(rs.getString("kind")),
                        rs.getString("description"),
                        rs.getString("added_by"),
                        rs.getTimestamp("added_at").toInstant(),
                        rs.getString("done_by"),
                        SharingStore.instant(rs, "done_at")))
                .list();
    }

    private static List<String> texts(Array array) throws SQLException {
        return Arrays.stream((Object[]) array.getArray()).map(Object::toString).toList();
    }
}
