package org.platewatch.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.support.AdminSession;
import org.platewatch.server.support.Api;
import org.platewatch.server.support.PlatewatchServerTest;
import org.platewatch.server.users.PersonalTokens;
import org.platewatch.server.users.Role;
import org.platewatch.server.users.TrainingRecords;
import org.platewatch.server.users.UserAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A CSV export that a client reads slowly (or not at all) must not hold the audit-chain lock (every
 * audited action in the system waits on it), nor a pooled connection in an open transaction. Its own class: it fills the log with bulk rows whose
 * hashes are not a chain, so no chain verification runs against this database.
 */
@PlatewatchServerTest
class AuditExportLockTest {

    @LocalServerPort
    int port;

    @Autowired
    java.time.Clock clock;

    @Autowired
    UserAccounts accounts;

    @Autowired
    TrainingRecords trainingRecords;

    @Autowired
    PersonalTokens tokens;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anUnreadExportDoesNotStallOtherAuditedActions() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        AdminSession administrator = AdminSession.signIn(port, accounts, tokens, clock);
        String token = administrator.token();
        String officer = "officer-" + suffix;
        accounts.create(
                new UserAccounts.NewUser(officer, "Officer", Role.OFFICER, false, null), "pw-" + suffix, Actor.SYSTEM);
        // About 40 MB of CSV: far more than the socket and server buffers, so the server blocks mid-stream.
        jdbc.sql("""
                INSERT INTO audit_events (occurred_at, username, full_name, action, subject, terms, previous_hash, hash)
                SELECT now(), 'bulk', 'Bulk Row', 'bulk.row', 'row:' || i, repeat('x', 2000),
                       md5('p' || i) || md5('p' || i), md5('h' || i) || md5('h' || i)
                FROM generate_series(1, 20000) AS i
                """).update();

        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new java.net.InetSocketAddress("localhost", port));
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/v1/audit/events.csv?action=bulk.* HTTP/1.1\r\nHost: localhost\r\n"
                            + "Authorization: Bearer " + token + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] first = in.readNBytes(512); // the client reads the head of the download, then stalls
            assertThat(new String(first, StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 200");
            assertThat(jdbc.sql("SELECT count(*) FROM audit_events WHERE action = 'audit.exported'")
                            .query(Long.class)
                            .single())
                    .as("recorded and committed before the first byte")
                    .isEqualTo(1);

            assertThat(jdbc.sql("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                                    + "AND state LIKE 'idle in transaction%'")
                            .query(Long.class)
                            .single())
                    .as("no connection is held in a transaction while the client stalls")
                    .isZero();

            // Meanwhile an administrator records training: an audited action that needs the chain lock.
            CompletableFuture<Api.Response> training = CompletableFuture.supplyAsync(() -> administrator.postJson(
                    "/api/v1/users/" + officer + "/training",
                    "{\"completedOn\":\"" + trainingRecords.today()
                            + "\",\"course\":\"POST ALPR operator course\",\"trainer\":\"Sgt. Rivera\"}"));
            Api.Response recorded = training.get(15, TimeUnit.SECONDS);
            assertThat(recorded.status()).isEqualTo(200);
            assertThat(trainingRecords.of(officer)).hasSize(1);
        }
    }
}
