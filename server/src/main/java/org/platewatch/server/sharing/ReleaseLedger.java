package org.platewatch.server.sharing;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What left the department: for each approved request, when, by whom, how many detections and images, the
 * package's SHA-256 and its manifest (each file's SHA-256), and the read ids with their images' hashes. Append-only
 * for the application role (V50 revokes UPDATE and DELETE).
 */
@Repository
class ReleaseLedger {

    /** A release on file. */
    record Release(
            UUID requestId,
            Instant releasedAt,
            String releasedBy,
            int detections,
            int images,
            String packageSha256,
            String manifest) {}

    private final JdbcClient jdbc;

    ReleaseLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(UUID requestId, Instant at, String by, List<ReleasedDetection> sent, ReleasePackage.Built built) {
        jdbc.sql("""
                        INSERT INTO release_ledger (request_id, released_at, released_by, detections, images,
                                                    package_sha256, manifest)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        requestId,
                        Timestamp.from(at),
                        by,
                        sent.size(),
                        built.images(),
                        built.sha256(),
                        built.manifest())
                .update();
        jdbc.sql("""
                        INSERT INTO release_ledger_reads (request_id, read_id, image_sha256)
                        SELECT ?, unnest(?::uuid[]), unnest(?::text[])""")
                .params(
                        requestId,
                        sent.stream().map(d -> d.readId().toString()).toArray(String[]::new),
                        sent.stream().map(ReleasedDetection::imageSha256).toArray(String[]::new))
                .update();
    }

    Optional<Release> release(UUID requestId) {
        return jdbc.sql("""
                        SELECT request_id, released_at, released_by, detections, images, package_sha256, manifest
                        FROM release_ledger WHERE request_id = ?""")
                .param(requestId)
                .query((rs, n) -> new Release(
                        rs.getObject("request_id", UUID.class),
                        rs.getTimestamp("released_at").toInstant(),
                        rs.getString("released_by"),
                        rs.getInt("detections"),
                        rs.getInt("images"),
                        rs.getString("package_sha256"),
                        rs.getString("manifest")))
                .optional();
    }

    List<UUID> sentReads(UUID requestId) {
        return jdbc.sql("SELECT read_id FROM release_ledger_reads WHERE request_id = ? ORDER BY read_id")
                .param(requestId)
                .query((rs, n) -> rs.getObject(1, UUID.class))
                .list();
    }
}
