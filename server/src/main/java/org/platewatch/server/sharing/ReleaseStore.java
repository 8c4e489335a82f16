package org.platewatch.server.sharing;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of release requests, their decisions and the detections they name. */
@Repository
class ReleaseStore {

    private static final String REQUEST = """
            SELECT q.id, q.agency_id, q.requester_name, q.requester_contact, q.case_number, q.purpose, q.warrant_number,
                   q.written_request, q.written_document_type, q.written_document_sha256, q.criteria, q.route,
                   q.routed_to, q.entered_by, q.entered_at,
                   ARRAY(SELECT r.read_id FROM release_request_reads r WHERE r.request_id = q.id ORDER BY r.read_id)
                       AS read_ids
            FROM release_requests q""";

    private final JdbcClient jdbc;

    ReleaseStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the request and the detections it names; {@code document} is the attached written request or null. */
    void enter(ReleaseRequest r, byte[] document) {
        jdbc.sql("""
                        INSERT INTO release_requests (id, agency_id, requester_name, requester_contact, case_number,
                            purpose, warrant_number, written_request, written_document, written_document_type,
                            written_document_sha256, criteria, route, routed_to, entered_by, entered_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        r.id(),
                        r.agencyId(),
                        r.requesterName(),
                        r.requesterContact(),
                        r.caseNumber(),
                        r.purpose().name(),
                        r.warrantNumber(),
                        r.writtenRequest(),
                        document,
                        r.writtenDocumentType(),
                        r.writtenDocumentSha256(),
                        r.criteria(),
                        r.route().name(),
                        r.routedTo(),
                        r.enteredBy(),
                        Timestamp.from(r.enteredAt()))
                .update();
        jdbc.sql("INSERT INTO release_request_reads (request_id, read_id) SELECT ?, unnest(?::uuid[])")
                .params(r.id(), r.readIds().stream().map(UUID::toString).toArray(String[]::new))
                .update();
    }

    Optional<ReleaseRequest> request(UUID id) {
        return jdbc.sql(REQUEST + " WHERE q.id = ?")
                .param(id)
                .query(ReleaseStore::request)
                .optional();
    }

    List<ReleaseRequest> requests(int limit) {
        return jdbc.sql(REQUEST + " ORDER BY q.entered_at DESC, q.id LIMIT ?")
                .param(limit)
                .query(ReleaseStore::request)
                .list();
    }

    /** Serialises decisions on one request (the tables are append-only, so no row lock is open to the role). */
    void lock(UUID requestId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('release-request:' || ?))")
                .param(requestId.toString())
                .query()
                .singleValue();
    }

    Optional<ReleaseDecision> decision(UUID requestId) {
        return jdbc.sql("SELECT request_id, decision, decided_by, decided_at, note FROM release_decisions"
                        + " WHERE request_id = ?")
                .param(requestId)
                .query((rs, n) -> new ReleaseDecision(
                        rs.getObject("request_id", UUID.class),
                        ReleaseDecision.Outcome.valueOf(rs.getString("decision")),
                        rs.getString("decided_by"),
                        rs.getTimestamp("decided_at").toInstant(),
                        rs.getString("note")))
                .optional();
    }

    void decide(ReleaseDecision d) {
        jdbc.sql("INSERT INTO release_decisions (request_id, decision, decided_by, decided_at, note)"
                        + " VALUES (?, ?, ?, ?, ?)")
                .params(d.requestId(), d.outcome().name(), d.decidedBy(), Timestamp.from(d.decidedAt()), d.note())
                .update();
    }

    /** The ids among {@code ids} that are stored detections (a forged or purged id is not). */
    List<UUID> stored(List<UUID> ids) {
        return jdbc.sql(
                        "SELECT r.read_id FROM read_receipts r JOIN detections d"
                                + " ON d.read_id = r.read_id AND d.captured_at = r.captured_at WHERE r.read_id = ANY(?::uuid[])")
                .param(ids.stream().map(UUID::toString).toArray(String[]::new))
                .query((rs, n) -> rs.getObject(1, UUID.class))
                .list();
    }

    /** The detections of one plate (and state, when given) captured in {@code [from, to)}, at most {@code limit}. */
    List<UUID> matching(String plate, String state, Instant from, Instant to, int limit) {
        return jdbc.sql("""
                        SELECT read_id FROM detections
                        WHERE plate = ? AND (CAST(? AS text) IS NULL OR state = ?) AND captured_at >= ? AND captured_at < ?
                        ORDER BY captured_at, read_id LIMIT ?""")
                .params(plate, state, state, Timestamp.from(from), Timestamp.from(to), limit)
                .query((rs, n) -> rs.getObject(1, UUID.class))
                .list();
    }

    /** The detections, oldest first; each found through its receipt, so only its own day's partition is read. */
    List<ReleasedDetection> detections(List<UUID> ids) {
        return jdbc.sql("""
                        SELECT d.read_id, d.captured_at, d.plate, d.state, d.confidence, d.location[0] AS longitude,
                               d.location[1] AS latitude, d.heading_degrees, d.device_id, dv.name AS camera_name,
                               d.vehicle_make, d.vehicle_model, d.vehicle_color, d.vehicle_type, d.image_sha256
                        FROM read_receipts r
                        JOIN detections d ON d.read_id = r.read_id AND d.captured_at = r.captured_at
                        LEFT JOIN devices dv ON dv.id = d.device_id
                        WHERE r.read_id = ANY(?::uuid[])
                        ORDER BY d.captured_at, d.read_id""")
                .param(ids.stream().map(UUID::toString).toArray(String[]::new))
                .query((rs, n) -> new ReleasedDetection(
                        rs.getObject("read_id", UUID.class),
                        rs.getTimestamp("captured_at").toInstant(),
                        rs.getString("plate"),
                        rs.getString("state"),
                        rs.getDouble("confidence"),
                        rs.getDouble("latitude"),
                        rs.getDouble("longitude"),
                        rs.getObject("heading_degrees") == null ? null : rs.getDouble("heading_degrees"),
                        rs.getObject("device_id", UUID.class),
                        rs.getString("camera_name"),
                        rs.getString("vehicle_make"),
                        rs.getString("vehicle_model"),
                        rs.getString("vehicle_color"),
                        rs.getString("vehicle_type"),
                        rs.getString("image_sha256")))
                .list();
    }

    private static ReleaseRequest request(ResultSet rs, int n) throws SQLException {
        Array ids = rs.getArray("read_ids");
        List<UUID> readIds = Arrays.stream((Object[]) ids.getArray())
                .map(o -> o instanceof UUID u ? u : UUID.fromString(o.toString()))
                .toList();
        return new ReleaseRequest(
                rs.getObject("id", UUID.class),
                rs.getLong("agency_id"),
                rs.getString("requester_name"),
                rs.getString("requester_contact"),
                rs.getString("case_number"),
                ReleasePurpose.valueOf(rs.getString("purpose")),
                rs.getString("warrant_number"),
                rs.getString("written_request"),
                rs.getString("written_document_type"),
                rs.getString("written_document_sha256"),
                rs.getString("criteria"),
                ReleaseRequest.Route.valueOf(rs.getString("route")),
                rs.getString("routed_to"),
                rs.getString("entered_by"),
                SharingStore.instant(rs, "entered_at"),
                readIds);
    }
}
