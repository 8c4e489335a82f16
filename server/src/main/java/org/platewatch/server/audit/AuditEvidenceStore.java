package org.platewatch.server.audit;

import static org.platewatch.server.audit.CorrectionStore.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a periodic audit reads of other features' records: the searches ({@code search}) and the legal holds
 * ({@code retention}). Read only, here, because {@code audit} sits below both in the package graph (each writes to
 * the audit log) and the audit is the one reader that looks across all of them; the columns it reads are listed
 * in docs/audits.md, so a change to them knows to come here.
 */
@Repository
class AuditEvidenceStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    AuditEvidenceStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The searches that ran and were asked for in {@code [from, to)}, in a stable order: the population drawn from. */
    List<UUID> searchesBetween(Instant from, Instant to) {
        return jdbc.sql("""
                        SELECT id FROM searches
                        WHERE requested_at >= ? AND requested_at < ? AND status = 'COMPLETED'
                        ORDER BY requested_at, id
                        """)
                .params(Timestamp.from(from), Timestamp.from(to))
                .query(UUID.class)
                .list();
    }

    /** An audit's sample with each search's record and the finding, in the order drawn. */
    List<SampledSearch> sampleOf(UUID auditId) {
        return jdbc.sql("""
                        SELECT p.position, s.id, s.case_number, s.purpose, s.reason, s.terms, s.criteria::text AS criteria,
                               s.requested_by_name, s.requested_at, s.result_count, p.compliant, p.note, p.marked_by,
                               p.marked_at
                        FROM periodic_audit_sample p JOIN searches s ON s.id = p.search_id
                        WHERE p.audit_id = ?
                        ORDER BY p.position
                        """).param(auditId).query(AuditEvidenceStore::sampled).list();
    }

    /**
     * Detections captured before {@code before} that a legal hold keeps: moved out of their purged day into
     * {@code held_detections}, or still in their day because an unreleased hold names them.
     */
    List<LongHeldRead> heldSince(Instant before, int limit) {
        return jdbc.sql("""
                        SELECT * FROM (
                            SELECT h.read_id, h.captured_at, true AS moved_out, l.id AS hold_id, l.case_number,
                                   l.reason, l.placed_by, l.placed_at, l.approved_by, l.released_at
                            FROM held_detections h JOIN legal_holds l ON l.id = h.hold_id
                            WHERE h.captured_at < ?
                            UNION ALL
                            (SELECT DISTINCT ON (r.read_id) r.read_id, r.captured_at, false, l.id, l.case_number,
                                   l.reason, l.placed_by, l.placed_at, l.approved_by, l.released_at
                            FROM legal_hold_reads lr
                            JOIN legal_holds l ON l.id = lr.hold_id AND l.released_at IS NULL
                            JOIN read_receipts r ON r.read_id = lr.read_id
                            WHERE r.captured_at < ?
                              AND EXISTS (SELECT 1 FROM detections d
                                          WHERE d.read_id = r.read_id AND d.captured_at = r.captured_at)
                            ORDER BY r.read_id, l.id)
                        ) held
                        ORDER BY captured_at, read_id
                        LIMIT ?
                        """)
                .params(Timestamp.from(before), Timestamp.from(before), limit)
                .query((rs, n) -> new LongHeldRead(
                        rs.getObject("read_id", UUID.class),
                        instant(rs, "captured_at"),
                        rs.getBoolean("moved_out"),
                        rs.getLong("hold_id"),
                        rs.getString("case_number"),
                        rs.getString("reason"),
                        rs.getString("placed_by"),
                        instant(rs, "placed_at"),
                        rs.getString("approved_by"),
                        instant(rs, "released_at")))
                .list();
    }

    private static SampledSearch sampled(ResultSet rs, int n) throws SQLException {
        int count = rs.getInt("result_count");
        Integer resultCount = rs.wasNull() ? null : count;
        boolean compliant = rs.getBoolean("compliant");
        Boolean finding = rs.wasNull() ? null : compliant;
        return new SampledSearch(
                rs.getInt("position"),
                rs.getObject("id", UUID.class),
                rs.getString("case_number"),
                rs.getString("purpose"),
                rs.getString("reason"),
                rs.getString("terms"),
                JSON.readTree(rs.getString("criteria")),
                rs.getString("requested_by_name"),
                instant(rs, "requested_at"),
                resultCount,
                finding,
                rs.getString("note"),
                rs.getString("marked_by"),
                instant(rs, "marked_at"));
    }
}
