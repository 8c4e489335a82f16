package org.platewatch.server.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of data error correction. It updates {@code detections}, which {@code reads} owns, as the purge does
 * ({@code retention.PurgeStore}): the detection takes the corrected plate so that a search by the right plate finds
 * it through the plate indexes, and {@code detection_corrections} keeps what it said before.
 */
@Repository
class CorrectionStore {

    /** A detection as it stands, locked for the correction. */
    record StoredDetection(UUID readId, Instant capturedAt, String plate, String state) {}

    private static final String COLUMNS = """
            id, read_id, captured_at, original_plate, original_state, corrected_plate, corrected_state, reason,
            corrected_by_name, corrected_at, report_to, reported_at""";

    private final JdbcClient jdbc;

    CorrectionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<StoredDetection> lockDetection(UUID readId) {
        return jdbc.sql("""
                        SELECT d.read_id, d.captured_at, d.plate, d.state
                        FROM read_receipts r JOIN detections d ON d.read_id = r.read_id AND d.captured_at = r.captured_at
                        WHERE r.read_id = ?
                        FOR UPDATE OF d
                        """)
                .param(readId)
                .query((rs, n) -> new StoredDetection(
                        rs.getObject("read_id", UUID.class),
                        instant(rs, "captured_at"),
                        rs.getString("plate"),
                        trimmed(rs.getString("state"))))
                .optional();
    }

    long insert(
            StoredDetection before,
            String plate,
            String state,
            String reason,
            String username,
            String name,
            Instant at,
            String reportTo) {
        jdbc.sql("UPDATE detections SET plate = ?, state = ? WHERE read_id = ? AND captured_at = ?")
                .params(plate, state, before.readId(), Timestamp.from(before.capturedAt()))
                .update();
        return jdbc.sql("""
                        INSERT INTO detection_corrections (read_id, captured_at, original_plate, original_state,
                            corrected_plate, corrected_state, reason, corrected_by, corrected_by_name, corrected_at,
                            report_to)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        RETURNING id
                        """)
                .params(
                        before.readId(),
                        Timestamp.from(before.capturedAt()),
                        before.plate(),
                        before.state(),
                        plate,
                        state,
                        reason,
                        username,
                        name,
                        Timestamp.from(at),
                        reportTo)
                .query(Long.class)
                .single();
    }

    /** Records that the correction went to its regional centre; false when it has none or was reported already. */
    boolean markReported(long id, String username, Instant at) {
        return jdbc.sql("""
                        UPDATE detection_corrections SET reported_by = ?, reported_at = ?
                        WHERE id = ? AND report_to IS NOT NULL AND reported_at IS NULL
                        """).params(username, Timestamp.from(at), id).update() == 1;
    }

    Optional<DetectionCorrection> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM detection_corrections WHERE id = ?")
                .param(id)
                .query(CorrectionStore::correction)
                .optional();
    }

    /** Per read: its first original and its latest correction, in one query for a page of results. */
    List<DetectionCorrection> forReads(Collection<UUID> readIds) {
        if (readIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT DISTINCT ON (read_id) id, read_id, captured_at,
                               first_value(original_plate) OVER w AS original_plate,
                               first_value(original_state) OVER w AS original_state,
                               corrected_plate, corrected_state, reason, corrected_by_name, corrected_at, report_to,
                               reported_at
                        FROM detection_corrections
                        WHERE read_id = ANY(?)
                        WINDOW w AS (PARTITION BY read_id ORDER BY id)
                        ORDER BY read_id, id DESC
                        """)
                .param(readIds.toArray(UUID[]::new))
                .query(CorrectionStore::correction)
                .list();
    }

    /** Corrections made in {@code [from, to)}, oldest first; only those still to report when asked. */
    List<DetectionCorrection> between(Instant from, Instant to, boolean toReportOnly, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """

                         FROM detection_corrections
                        WHERE corrected_at >= ? AND corrected_at < ?
                          AND (NOT ? OR (report_to IS NOT NULL AND reported_at IS NULL))
                        ORDER BY corrected_at, id
                        LIMIT ?
                        """)
                .params(Timestamp.from(from), Timestamp.from(to), toReportOnly, limit)
                .query(CorrectionStore::correction)
                .list();
    }

    private static DetectionCorrection correction(ResultSet rs, int n) throws SQLException {
        return new DetectionCorrection(
                rs.getLong("id"),
                rs.getObject("read_id", UUID.class),
                instant(rs, "captured_at"),
                rs.getString("original_plate"),
                trimmed(rs.getString("original_state")),
                rs.getString("corrected_plate"),
                trimmed(rs.getString("corrected_state")),
                rs.getString("reason"),
                rs.getString("corrected_by_name"),
                instant(rs, "corrected_at"),
                rs.getString("report_to"),
                instant(rs, "reported_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static String trimmed(String state) {
        return state == null ? null : state.trim();
    }
}
