package org.platewatch.server.retention;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.platewatch.plate.VehicleDescription;
import org.platewatch.server.platform.AgencyId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of legal holds: {@code legal_holds}, {@code legal_hold_reads}, and the reads they name, in
 * {@code detections} while their day is kept and in {@code held_detections} once the purge moved them there.
 */
@Repository
class HoldStore {

    private static final String HOLD = """
            SELECT h.id, h.case_number, h.reason, h.search_id, h.placed_by, h.placed_at, h.approved_by, h.approved_at,
                   h.rejected_by, h.rejected_at, h.decision_note, h.released_by, h.released_at, h.release_reason,
                   (SELECT count(*) FROM legal_hold_reads r WHERE r.hold_id = h.id) AS reads
            FROM legal_holds h""";

    private final JdbcClient jdbc;

    HoldStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Of {@code ids}, those that are neither a stored detection nor a held one of {@code agency}. The receipt gives a
     * read's capture time, so each id probes one day partition, not all of them. A hold names its own agency's reads
     * only (V71): in a hub, another agency's read that an agreement lets the member see is as unknown as one never
     * stored (a single department has one agency, which every read is).
     */
    List<UUID> unknown(Collection<UUID> ids, AgencyId agency) {
        return jdbc.sql("""
                        SELECT i FROM unnest(?::uuid[]) AS i LEFT JOIN read_receipts rc ON rc.read_id = i
                        WHERE NOT EXISTS (SELECT 1 FROM held_detections h WHERE h.read_id = i AND h.agency_id = ?)
                          AND (rc.read_id IS NULL
                               OR NOT EXISTS (SELECT 1 FROM detections d
                                              WHERE d.read_id = i AND d.captured_at = rc.captured_at
                                                AND d.agency_id = ?))
                        ORDER BY i
                        """)
                .params(array(ids), agency.value(), agency.value())
                .query(UUID.class)
                .list();
    }

    long insert(String caseNumber, String reason, UUID searchId, String placedBy, Instant at) {
        return jdbc.sql("""
                        INSERT INTO legal_holds (case_number, reason, search_id, placed_by, placed_at)
                        VALUES (?, ?, ?, ?, ?) RETURNING id
                        """)
                .params(caseNumber, reason, searchId, placedBy, Timestamp.from(at))
                .query(Long.class)
                .single();
    }

    void insertReads(long holdId, Collection<UUID> ids) {
        jdbc.sql("""
                        INSERT INTO legal_hold_reads (hold_id, read_id)
                        SELECT ?, i FROM unnest(?::uuid[]) AS i ON CONFLICT DO NOTHING
                        """).params(holdId, array(ids)).update();
    }

    Optional<LegalHold> find(long id) {
        return jdbc.sql(HOLD + " WHERE h.id = ?")
                .param(id)
                .query(HoldStore::hold)
                .optional();
    }

    /** The hold, locked until the transaction ends: two supervisors deciding at once, one after the other. */
    Optional<LegalHold> findForUpdate(long id) {
        jdbc.sql("SELECT id FROM legal_holds WHERE id = ? FOR UPDATE")
                .param(id)
                .query()
                .listOfRows();
        return find(id);
    }

    /** Newest first; only those {@code placedBy} placed, unless null. */
    List<LegalHold> list(String placedBy, int limit) {
        return jdbc.sql(HOLD + " WHERE (?::text IS NULL OR h.placed_by = ?) ORDER BY h.id DESC LIMIT ?")
                .params(placedBy, placedBy, limit)
                .query(HoldStore::hold)
                .list();
    }

    void approve(long id, String by, Instant at, String note) {
        jdbc.sql("UPDATE legal_holds SET approved_by = ?, approved_at = ?, decision_note = ? WHERE id = ?")
                .params(by, Timestamp.from(at), note, id)
                .update();
    }

    /** A rejected hold stops protecting at once: the release columns are what the purge asks. */
    void reject(long id, String by, Instant at, String note) {
        jdbc.sql("""
                        UPDATE legal_holds SET rejected_by = ?, rejected_at = ?, decision_note = ?,
                                               released_by = ?, released_at = ?, release_reason = ?
                        WHERE id = ?
                        """)
                .params(by, Timestamp.from(at), note, by, Timestamp.from(at), "rejected: " + note, id)
                .update();
    }

    void release(long id, String by, Instant at, String reason) {
        jdbc.sql("UPDATE legal_holds SET released_by = ?, released_at = ?, release_reason = ? WHERE id = ?")
                .params(by, Timestamp.from(at), reason, id)
                .update();
    }

    /** The reads the hold names, live, held or gone, by capture time (gone ones last). */
    List<HeldRead> reads(long holdId, int limit) {
        return jdbc.sql("""
                        SELECT r.read_id,
                               coalesce(d.captured_at, h.captured_at) AS captured_at,
                               coalesce(d.plate, h.plate) AS plate, coalesce(d.state, h.state) AS state,
                               coalesce(d.confidence, h.confidence) AS confidence,
                               (coalesce(d.location, h.location))[1] AS latitude,
                               (coalesce(d.location, h.location))[0] AS longitude,
                               coalesce(d.heading_degrees, h.heading_degrees) AS heading,
                               coalesce(d.device_id, h.device_id) AS device_id, dv.name AS camera_name,
                               coalesce(d.vehicle_make, h.vehicle_make) AS make,
                               coalesce(d.vehicle_model, h.vehicle_model) AS model,
                               coalesce(d.vehicle_color, h.vehicle_color) AS color,
                               coalesce(d.vehicle_type, h.vehicle_type) AS type,
                               coalesce(d.image_sha256, h.image_sha256) AS image_sha256,
                               CASE WHEN d.read_id IS NOT NULL THEN 'LIVE'
                                    WHEN h.read_id IS NOT NULL THEN 'HELD' ELSE 'GONE' END AS stored
                        FROM legal_hold_reads r
                        LEFT JOIN read_receipts rc ON rc.read_id = r.read_id
                        LEFT JOIN detections d ON d.read_id = r.read_id AND d.captured_at = rc.captured_at
                        LEFT JOIN held_detections h ON h.read_id = r.read_id AND d.read_id IS NULL
                        LEFT JOIN devices dv ON dv.id = coalesce(d.device_id, h.device_id)
                        WHERE r.hold_id = ?
                        ORDER BY captured_at NULLS LAST, r.read_id
                        LIMIT ?
                        """).params(holdId, limit).query(HoldStore::read).list();
    }

    /** Every read id the hold names. */
    List<UUID> readIds(long holdId) {
        return jdbc.sql("SELECT read_id FROM legal_hold_reads WHERE hold_id = ? ORDER BY read_id")
                .param(holdId)
                .query(UUID.class)
                .list();
    }

    /** What a released hold's end freed: the held rows deleted, and the images they referred to. */
    record Freed(List<UUID> readIds, List<String> images) {}

    /**
     * Deletes the held detections that no unreleased hold names any more, and moves those
     * another unreleased hold still names to the earliest such hold. Returns what was deleted.
     */
    Freed deleteUnheld() {
        jdbc.sql("""
                        UPDATE held_detections d SET hold_id = n.hold_id
                        FROM (SELECT r.read_id, min(r.hold_id) AS hold_id
                              FROM legal_hold_reads r JOIN legal_holds l ON l.id = r.hold_id
                              WHERE l.released_at IS NULL GROUP BY r.read_id) n
                        WHERE d.read_id = n.read_id AND d.hold_id <> n.hold_id
                        """).update();
        List<Object[]> gone = jdbc.sql("""
                        DELETE FROM held_detections d
                        WHERE NOT EXISTS (SELECT 1 FROM legal_hold_reads r JOIN legal_holds l ON l.id = r.hold_id
                                          WHERE r.read_id = d.read_id AND l.released_at IS NULL)
                        RETURNING d.read_id, d.image_sha256
                        """)
                .query((rs, n) -> new Object[] {rs.getObject(1, UUID.class), rs.getString(2)})
                .list();
        // Their receipts went with their day's partition (V65), when the purge moved them here.
        List<UUID> ids = gone.stream().map(g -> (UUID) g[0]).toList();
        List<String> images = gone.stream()
                .map(g -> (String) g[1])
                .filter(java.util.Objects::nonNull)
                .distinct()
                .toList();
        return new Freed(ids, images);
    }

    /**
     * Of {@code images}, those nothing refers to any more: no held detection, and the day partition of the newest
     * detection that referred to it is gone. A detection still stored keeps its image; the purge deletes it with
     * its day.
     */
    List<String> unreferenced(Collection<String> images) {
        return jdbc.sql("""
                        SELECT i.sha256 FROM detection_images i
                        WHERE i.sha256 = ANY (?::text[])
                          AND NOT EXISTS (SELECT 1 FROM held_detections h WHERE h.image_sha256 = i.sha256)
                          AND to_regclass('detections_p' || to_char(i.last_captured_on, 'YYYYMMDD')) IS NULL
                        """)
                .param(images.toArray(String[]::new))
                .query(String.class)
                .list();
    }

    void forgetImage(String sha256) {
        jdbc.sql("DELETE FROM detection_images WHERE sha256 = ?").param(sha256).update();
    }

    private static String[] array(Collection<UUID> ids) {
        return ids.stream().map(UUID::toString).toArray(String[]::new);
    }

    private static LegalHold hold(ResultSet rs, int n) throws SQLException {
        return new LegalHold(
                rs.getLong("id"),
                rs.getString("case_number"),
                rs.getString("reason"),
                rs.getObject("search_id", UUID.class),
                rs.getString("placed_by"),
                instant(rs, "placed_at"),
                rs.getString("approved_by"),
                instant(rs, "approved_at"),
                rs.getString("rejected_by"),
                instant(rs, "rejected_at"),
                rs.getString("decision_note"),
                rs.getString("released_by"),
                instant(rs, "released_at"),
                rs.getString("release_reason"),
                rs.getLong("reads"));
    }

    private static HeldRead read(ResultSet rs, int n) throws SQLException {
        return new HeldRead(
                rs.getObject("read_id", UUID.class),
                instant(rs, "captured_at"),
                rs.getString("plate"),
                rs.getString("state"),
                (Double) number(rs, "confidence"),
                (Double) number(rs, "latitude"),
                (Double) number(rs, "longitude"),
                (Double) number(rs, "heading"),
                rs.getObject("device_id", UUID.class),
                rs.getString("camera_name"),
                new VehicleDescription(
                        rs.getString("make"), rs.getString("model"), rs.getString("color"), rs.getString("type")),
                rs.getString("image_sha256"),
                rs.getString("stored"));
    }

    private static Object number(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
