package org.platewatch.server.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.platewatch.server.PlatewatchApplication;
import org.platewatch.server.ingest.DeviceKind;
import org.platewatch.server.ingest.DeviceRegistration;
import org.platewatch.server.ingest.DeviceRegistry;
import org.platewatch.server.support.Api;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The embedded PostgreSQL as an operator meets it: data survives a restart, the server runs
 * durable, and a server left behind by a dead process is recovered by the next start.
 */
class EmbeddedDatabaseLifecycleTest {

    @TempDir
    Path dataDir;

    @Test
    void aRestartKeepsEveryStoredRead() throws Exception {
        String token;
        UUID readId = UUID.randomUUID();
        try (ConfigurableApplicationContext first = start()) {
            token = first.getBean(DeviceRegistry.class)
                    .register(new DeviceRegistration("car-7", DeviceKind.MOBILE, null, null, null), Actor.SYSTEM)
                    .token();
            Api api = new Api(port(first));
            Api.Response stored = api.postJson(
                    "/api/v1/reads",
                    token,
                    "{\"reads\":[{\"readId\":\"" + readId
                            + "\",\"plate\":\"6RST789\",\"state\":\"CA\",\"confidence\":0.8,\"capturedAt\":\""
                            + Instant.now() + "\",\"latitude\":37.8,\"longitude\":-122.27}]}");
            assertThat(stored.status()).as(stored.body()).isEqualTo(200);
            assertThat(setting(first, "fsync")).isEqualTo("on");
            assertThat(setting(first, "synchronous_commit")).isEqualTo("on");
        }
        assertThat(Files.readAllLines(dataDir.resolve("audit-anchors.jsonl")))
                .as("the server anchored the audit chain at shutdown")
                .hasSize(1);
        try (ConfigurableApplicationContext second = start()) {
            Api api = new Api(port(second));
            Api.Response again = api.postJson(
                    "/api/v1/reads",
                    token,
                    "{\"reads\":[{\"readId\":\"" + readId
                            + "\",\"plate\":\"6RST789\",\"state\":\"CA\",\"confidence\":0.8,\"capturedAt\":\""
                            + Instant.now() + "\",\"latitude\":37.8,\"longitude\":-122.27}]}");
            assertThat(again.status())
                    .as("the device token survived the restart")
                    .isEqualTo(200);
            assertThat(again.json().get("duplicates").asInt())
                    .as("the read survived the restart")
                    .isEqualTo(1);
        }
    }

    @Test
    void theWatchdogStopsTheServerWhenItsOwnerIsKilled() throws Exception {
        Process owner = startOwnerProcess();
        long postmaster = postmasterPid();
        owner.destroyForcibly().waitFor();
        assertThat(waitUntilGone(postmaster, 20_000))
                .as("postgres stopped after its owner was killed -9")
                .isTrue();
    }

    @Test
    void theNextStartRecoversAServerLeftRunningByACrash() throws Exception {
        Process owner = startOwnerProcess();
        long postmaster = postmasterPid();
        List<ProcessHandle> watchdogs = owner.descendants().toList();
        // A crash that takes the watchdog with it: only the next start can clean up.
        watchdogs.forEach(ProcessHandle::destroyForcibly);
        owner.destroyForcibly().waitFor();
        assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false))
                .isTrue();

        EmbeddedPostgresServer recovered = EmbeddedPostgresServer.startOrAttach(dataDir);
        try {
            assertThat(recovered.owned()).isTrue();
            assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false))
                    .isFalse();
            try (Connection c = DriverManager.getConnection(
                    recovered.jdbcUrl("postgres"),
                    "postgres",
                    recovered.passwords().owner())) {
                assertThat(c.isValid(5)).isTrue();
            }
        } finally {
            recovered.close();
        }
    }

    private Process startOwnerProcess() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        OrphanedServerProcess.class.getName(),
                        dataDir.toString())
                .redirectErrorStream(true)
                .start();
        java.io.BufferedReader out =
                new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("READY")) {
                return p;
            }
        }
        throw new IllegalStateException("the owner process ended before its server was ready");
    }

    private static boolean waitUntilGone(long pid, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    @Test
    void aSecondProcessAttachesToTheRunningServerInsteadOfStartingOne() throws Exception {
        EmbeddedPostgresServer owner = EmbeddedPostgresServer.startOrAttach(dataDir);
        try {
            EmbeddedPostgresServer guest = EmbeddedPostgresServer.startOrAttach(dataDir);
            assertThat(guest.owned()).isFalse();
            assertThat(guest.port()).isEqualTo(owner.port());
            guest.close();
            try (Connection c = DriverManager.getConnection(
                    owner.jdbcUrl("postgres"), "postgres", guest.passwords().owner())) {
                assertThat(c.isValid(5))
                        .as("closing a guest leaves the owner's server running")
                        .isTrue();
            }
        } finally {
            owner.close();
        }
    }

    private long postmasterPid() throws Exception {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid"))
                .get(0)
                .trim());
    }

    private ConfigurableApplicationContext start() {
        return SpringApplication.run(
                PlatewatchApplication.class,
                List.of(
                                "--server.port=0",
                                "--platewatch.data-dir=" + dataDir,
                                "--platewatch.db.url=",
                                "--logging.file.name=" + dataDir.resolve("test.log"))
                        .toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext ctx) {
        return Integer.parseInt(ctx.getEnvironment().getProperty("local.server.port"));
    }

    private static String setting(ConfigurableApplicationContext ctx, String name) throws Exception {
        try (Connection c = ctx.getBean(javax.sql.DataSource.class).getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
