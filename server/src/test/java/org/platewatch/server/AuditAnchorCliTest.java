package org.platewatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.platewatch.server.audit.AuditEvent;
import org.platewatch.server.audit.AuditLog;
import org.platewatch.server.platform.EmbeddedPostgresServer;

/**
 * The anchored audit chain as an attacker with the database owner's credentials meets it, through
 * {@code bin/platewatch audit anchor|verify} on the embedded PostgreSQL: cutting the tail or
 * rewriting a record with recomputed hashes passes the hash chain but not the signed anchor, and a
 * forged anchor line is reported.
 */
class AuditAnchorCliTest {

    @TempDir
    Path dataDir;

    @Test
    void aCutTailARewrittenRecordAndAForgedAnchorFailVerify() throws Exception {
        // This JVM owns the server; each CLI command attaches to it, as it would to a running `serve`.
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startOrAttach(dataDir)) {
            assertThat(cli("user", "add", "--username", "ada", "--role", "auditor")
                            .status())
                    .isZero();
            assertThat(cli("user", "add", "--username", "bob", "--role", "officer")
                            .status())
                    .isZero();

            Result anchored = cli("audit", "anchor");
            assertThat(anchored.status()).as(anchored.out()).isZero();
            assertThat(anchored.out()).startsWith("audit anchor written: record ");
            assertThat(PosixFilePermissions.toString(
                            Files.getPosixFilePermissions(dataDir.resolve("audit-anchor.key"))))
                    .isEqualTo("rw-------");
            Path anchors = dataDir.resolve("audit-anchors.jsonl");
            String anchorFile = Files.readString(anchors);
            Result intact = cli("audit", "verify");
            assertThat(intact.status()).as(intact.out()).isZero();
            assertThat(intact.out()).contains("audit chain intact").contains("audit anchor holds: record ");

            String url = server.jdbcUrl("platewatch");
            try (Connection owner = DriverManager.getConnection(
                            url, "postgres", server.passwords().owner());
                    Statement s = owner.createStatement()) {
                long last = single(s, "SELECT max(id) FROM audit_events");
                // What an attacker with the owner's credentials does: switch the trigger off, cut the tail.
                s.execute("SET session_replication_role = replica");
                s.execute("CREATE TEMP TABLE cut AS SELECT * FROM audit_events WHERE id = " + last);
                s.executeUpdate("DELETE FROM audit_events WHERE id = " + last);

                Result cut = cli("audit", "verify");
                assertThat(cut.out())
                        .as("the hash chain alone cannot see a cut tail")
                        .contains("audit chain intact");
                assertThat(cut.status()).isEqualTo(1);
                assertThat(cut.out())
                        .contains("audit anchor NOT MET")
                        .contains("record " + last + " (anchored at ")
                        .contains("is missing: the log was cut")
                        .contains("1 of the ");
                Result refused = cli("audit", "anchor");
                assertThat(refused.status())
                        .as("a cut log is never anchored as the new truth")
                        .isEqualTo(1);
                assertThat(refused.out()).startsWith("refusing to anchor the audit chain: record " + last);

                s.executeUpdate("INSERT INTO audit_events SELECT * FROM cut");
                assertThat(cli("audit", "verify").status()).isZero();

                rewriteWithRecomputedHash(owner, last);
                Result rewritten = cli("audit", "verify");
                assertThat(rewritten.out()).contains("audit chain intact");
                assertThat(rewritten.status()).isEqualTo(1);
                assertThat(rewritten.out())
                        .contains("record " + last + " hashes to ")
                        .contains("the log was rewritten up to that record");
            }

            Files.writeString(anchors, anchorFile.replaceFirst("\"records\":(\\d+)", "\"records\":1$1"));
            Result forged = cli("audit", "verify");
            assertThat(forged.status()).isEqualTo(1);
            assertThat(forged.out()).contains("has an invalid signature: the anchor file was altered");
        }
    }

    /** Changes a record's content and gives it the hash that content has, so the chain walk still holds. */
    private static void rewriteWithRecomputedHash(Connection owner, long id) throws Exception {
        try (PreparedStatement read = owner.prepareStatement("SELECT * FROM audit_events WHERE id = ?")) {
            read.setLong(1, id);
            try (ResultSet r = read.executeQuery()) {
                r.next();
                AuditEvent forged = new AuditEvent(
                        r.getString("action"),
                        r.getString("subject"),
                        "nothing to see",
                        r.getString("purpose"),
                        r.getString("case_number"),
                        (Integer) r.getObject("result_count"));
                String hash = AuditLog.chainHash(
                        r.getString("previous_hash"),
                        r.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                        r.getString("username"),
                        r.getString("full_name"),
                        forged,
                        r.getString("client_address"));
                try (PreparedStatement w =
                        owner.prepareStatement("UPDATE audit_events SET terms = ?, hash = ? WHERE id = ?")) {
                    w.setString(1, forged.terms());
                    w.setString(2, hash);
                    w.setLong(3, id);
                    assertThat(w.executeUpdate()).isEqualTo(1);
                }
            }
        }
    }

    private static long single(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Result cli(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", dataDir.toString()));
        int status = PlatewatchCli.run(all, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Result(status, bytes.toString(StandardCharsets.UTF_8));
    }

    private record Result(int status, String out) {}
}
