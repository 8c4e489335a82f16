package org.platewatch.server.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.platewatch.server.hotlist.HotlistFixtures;
import org.platewatch.server.ingest.DeviceRegistry;
import org.platewatch.server.support.Api;
import org.platewatch.server.support.PlatewatchServerTest;
import org.platewatch.server.support.TestDates;
import org.platewatch.server.users.PersonalTokens;
import org.platewatch.server.users.Role;
import org.platewatch.server.users.UserAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The feed against a centre that does not behave: whatever answers at the feed's address may trickle its answer or
 * send an endless one, and the sender must still give up within its timeout, keep its memory, and record the batch
 * as undelivered (the scheduler's one thread also runs the purge and the day partitions). And the feed's settings:
 * no role but the administrator's, no address but https (or http to this machine), hostile JSON refused as a
 * problem, the credential sealed at rest.
 */
@PlatewatchServerTest
@TestPropertySource(
        properties = {
            "platewatch.policy.profile=san-leandro",
            "platewatch.sharing.feed.interval=1h", // the test runs the rounds itself
            "platewatch.sharing.feed.settle=0s",
            "platewatch.sharing.feed.timeout=2s",
            "platewatch.sharing.feed.attempts=1",
            "platewatch.sharing.feed.allowed-hosts=localhost, Centre.Example"
        })
class FeedCentreAnswersApiTest {

    private static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");
    private static final String ISSUED = "centre-issued-device-token-0123456789";

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts accounts;

    @Autowired
    PersonalTokens tokens;

    @Autowired
    DeviceRegistry devices;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @Autowired
    FeedSender sender;

    Api api;
    String admin;
    HttpServer centre;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        admin = member(Role.ADMINISTRATOR);
    }

    @AfterEach
    void stopCentre() {
        if (centre != null) {
            centre.stop(0);
        }
    }

    @Test
    void aCentreThatTricklesItsAnswerIsGivenUpOnWithinTheTimeout() throws Exception {
        String url = centre(exchange -> answer(exchange, out -> {
            for (int i = 0; i < 120; i++) { // a minute of one space every half second
                out.write(' ');
                out.flush();
                sleep(500);
            }
        }));
        long agreement = feedTo(url);
        new SharingFixtures(api, devices).upload(clock.instant(), "7TRK001");

        assertTimeoutPreemptively(Duration.ofSeconds(15), () -> sender.send(agreement));
        JsonNode batch = status(agreement).get("lastBatch");
        assertThat(batch.get("outcome").asString()).isEqualTo("UNDELIVERED");
        assertThat(batch.get("detail").asString()).contains("did not answer within");
    }

    @Test
    void aCentreThatAnswersWithoutEndDoesNotFillTheServersMemory() throws Exception {
        byte[] spaces = new byte[1024 * 1024];
        java.util.Arrays.fill(spaces, (byte) ' ');
        String url = centre(exchange -> answer(exchange, out -> {
            for (int i = 0; i < 16; i++) { // 16 MiB of whitespace before a well-formed acknowledgement
                out.write(spaces);
            }
            out.write("{\"accepted\":1,\"duplicates\":0}".getBytes(StandardCharsets.UTF_8));
        }));
        long agreement = feedTo(url);
        new SharingFixtures(api, devices).upload(clock.instant(), "7BIG001");

        assertThat(sender.send(agreement)).isZero();
        JsonNode status = status(agreement);
        assertThat(status.get("lastBatch").get("outcome").asString()).isEqualTo("UNDELIVERED");
        assertThat(status.get("lastBatch").get("detail").asString()).contains("longer than");
        assertThat(status.get("readsSent").asLong()).isZero();
    }

    @Test
    void anAddressChangedInTheDatabaseGetsNeitherTheReadsNorTheCentresCredential() throws Exception {
        AtomicInteger elsewhere = new AtomicInteger();
        String attacker = centre(exchange -> {
            elsewhere.incrementAndGet();
            acknowledge(exchange);
        });
        long agreement = feedTo("http://localhost:9/api/v1/reads");
        // what a local connection as the application role can do: point the feed somewhere else
        assertThat(jdbc.sql("UPDATE sharing_feeds SET ingest_url = ? WHERE agreement_id = ?")
                        .params(attacker, agreement)
                        .update())
                .isEqualTo(1);
        new SharingFixtures(api, devices).upload(clock.instant(), "7RDR001");

        assertThatThrownBy(() -> sender.send(agreement))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not open");
        assertThat(elsewhere.get())
                .as("requests at the address written into the row")
                .isZero();
        // the scheduled round records why the feed stopped, for the administrator's page
        sender.sendDue();
        JsonNode status = api.get("/api/v1/sharing/agreements/" + agreement + "/feed", admin)
                .json();
        assertThat(status.get("lastError").asString()).contains("does not open", "set the credential again");
        assertThat(elsewhere.get()).isZero();

        // the administrator's change of address without the credential cannot carry it over either
        String path = "/api/v1/sharing/agreements/" + agreement + "/feed";
        Api.Response kept =
                api.putJson(path, admin, "{\"ingestUrl\":\"" + attacker + "\",\"scope\":\"ALL_DETECTIONS\"}");
        assertThat(kept.status()).as(kept.body()).isEqualTo(400);
        assertThat(kept.json().get("field").asString()).isEqualTo("credential");
        // given again, it is sealed to the new address, and the feed sends there
        assertThat(api.putJson(path, admin, feedBody(attacker)).status()).isEqualTo(200);
        assertThat(sender.send(agreement)).isPositive(); // with the other tests' reads: every read since the start
        assertThat(elsewhere.get()).isEqualTo(1);
    }

    @Test
    void aChangeOfAddressThroughTheApiTakesTheCredentialAlong() throws Exception {
        AtomicInteger received = new AtomicInteger();
        String moved = centre(exchange -> {
            if (("Bearer " + ISSUED).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                received.incrementAndGet();
            }
            acknowledge(exchange);
        });
        long agreement = feedTo("http://localhost:9/api/v1/reads");
        String path = "/api/v1/sharing/agreements/" + agreement + "/feed";
        Api.Response changed =
                api.putJson(path, admin, "{\"ingestUrl\":\"" + moved + "\",\"scope\":\"ALL_DETECTIONS\"}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        new SharingFixtures(api, devices).upload(clock.instant(), "7MOV001");

        assertThat(sender.send(agreement)).isEqualTo(1);
        assertThat(received.get())
                .as("batches with the centre's own credential")
                .isEqualTo(1);
    }

    @Test
    void theFeedsSettingsAreTheAdministratorsAndRefuseHostileInputAsProblems() {
        long agreement = agreement();
        String path = "/api/v1/sharing/agreements/" + agreement + "/feed";
        String body = feedBody("https://centre.example/api/v1/reads");
        for (Role role : List.of(Role.OFFICER, Role.INVESTIGATOR, Role.SUPERVISOR, Role.AUDITOR)) {
            String token = member(role);
            assertThat(api.get(path, token).status()).as(role.name()).isEqualTo(403);
            assertThat(api.putJson(path, token, body).status()).as(role.name()).isEqualTo(403);
        }
        String device = new SharingFixtures(api, devices).unit;
        assertThat(api.get(path, device).status()).isEqualTo(403);
        assertThat(api.putJson(path, device, body).status()).isEqualTo(403);
        assertThat(api.get(path, null).status()).isEqualTo(401);
        assertThat(api.putJson(path, null, body).status()).isEqualTo(401);

        // Addresses that are this machine in disguise, other schemes, credentials in the URL.
        for (String url : List.of(
                "http://127.0.0.1.nip.io/api/v1/reads",
                "http://0.0.0.0:8080/api/v1/reads",
                "http://2130706433/api/v1/reads",
                "http://[::ffff:127.0.0.1]/api/v1/reads",
                "http://localhost.evil.example/api/v1/reads",
                "http://localhost@evil.example/api/v1/reads",
                "https://user:secret@centre.example/api/v1/reads",
                "ftp://centre.example/reads",
                "file:///etc/passwd",
                "jar:https://centre.example/x.jar!/",
                "//centre.example/api/v1/reads",
                // a well-formed https address, but not a host the department allows feeds to
                "https://elsewhere.example/api/v1/reads")) {
            Api.Response refused = api.putJson(path, admin, feedBody(url));
            assertThat(refused.status()).as(url + ": " + refused.body()).isEqualTo(400);
            assertThat(refused.json().get("field").asString()).as(url).isEqualTo("ingestUrl");
        }

        // Hostile JSON: a problem that names no Java class and shows no stack trace, and no feed on file.
        for (String hostile : List.of(
                "{",
                "[]",
                "{\"ingestUrl\":[\"https://centre.example\"],\"credential\":\"x\"}",
                "{\"ingestUrl\":\"https://centre.example\",\"credential\":\"x\",\"active\":\"maybe\"}",
                "{\"ingestUrl\":\"https://centre.example\",\"credential\":\"x\",\"scope\":\"EVERYTHING\"}",
                "{\"ingestUrl\":\"https://centre.example\",\"credential\":\"" + "x".repeat(5000) + "\"}",
                "{\"ingestUrl\":\"https://centre.example\",\"credential\":\"a\\r\\nX-Injected: 1\"}",
                "[".repeat(5000) + "]".repeat(5000),
                "{\"a\":" + "{\"a\":".repeat(3000) + "1" + "}".repeat(3001))) {
            Api.Response refused = api.putJson(path, admin, hostile);
            String shown = hostile.length() > 80 ? hostile.substring(0, 80) : hostile;
            assertThat(refused.status()).as(shown + ": " + refused.body()).isBetween(400, 499);
            assertThat(refused.isProblem()).as(shown).isTrue();
            assertThat(refused.body()).as(shown).doesNotContain("at org.", "at java.", "Exception", "tools.jackson");
        }
        assertThat(jdbc.sql("SELECT count(*) FROM sharing_feeds WHERE agreement_id = ?")
                        .param(agreement)
                        .query(Long.class)
                        .single())
                .isZero();

        // The credential: sealed at rest, never answered, never audited.
        Api.Response configured = api.putJson(path, admin, body);
        assertThat(configured.status()).as(configured.body()).isEqualTo(200);
        assertThat(configured.body()).doesNotContain(ISSUED);
        String sealed = jdbc.sql("SELECT credential_sealed FROM sharing_feeds WHERE agreement_id = ?")
                .param(agreement)
                .query(String.class)
                .single();
        assertThat(sealed).startsWith("aesgcm1:").doesNotContain(ISSUED);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_events WHERE terms LIKE ?")
                        .param("%" + ISSUED + "%")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    // ---- helpers ----

    /** A centre on this machine whose ingest endpoint answers as {@code handler} does; its URL. */
    private String centre(com.sun.net.httpserver.HttpHandler handler) throws IOException {
        centre = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        centre.createContext("/api/v1/reads", handler);
        centre.setExecutor(Executors.newCachedThreadPool());
        centre.start();
        return "http://localhost:" + centre.getAddress().getPort() + "/api/v1/reads";
    }

    private interface Body {
        void write(OutputStream out) throws IOException;
    }

    /** A centre's acknowledgement of every read of the batch, as a Platewatch server answers. */
    private static void acknowledge(HttpExchange exchange) throws IOException {
        String batch = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        int reads = batch.split("\"plate\"", -1).length - 1;
        byte[] answer = ("{\"accepted\":" + reads + ",\"duplicates\":0}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    private static void answer(HttpExchange exchange, Body body) throws IOException {
        exchange.getRequestBody().readAllBytes();
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            body.write(out);
        } catch (IOException dropped) {
            // the sender hung up: what it should do
        }
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** A standing agreement with a new regional centre, in force since 30 days ago. */
    private long agreement() {
        long centreAgency = SharingFixtures.agency(
                api, admin, "Regional Centre " + System.nanoTime(), "REGIONAL_CENTRE", "CA", false);
        LocalDate today = LocalDate.now(clock.withZone(PACIFIC));
        Api.Response recorded = api.postJson(
                "/api/v1/sharing/agreements",
                admin,
                "{\"agencyId\":" + centreAgency + ",\"mouDate\":\"" + today.minusDays(30) + "\",\"startsOn\":\""
                        + today.minusDays(30) + "\",\"endsOn\":\"" + today.plusDays(30)
                        + "\",\"scope\":\"All ALPR data (418.5)\"}");
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
        return recorded.json().get("id").asLong();
    }

    private long feedTo(String url) {
        long agreement = agreement();
        Api.Response configured =
                api.putJson("/api/v1/sharing/agreements/" + agreement + "/feed", admin, feedBody(url));
        assertThat(configured.status()).as(configured.body()).isEqualTo(200);
        return agreement;
    }

    private static String feedBody(String url) {
        return "{\"ingestUrl\":\"" + url + "\",\"credential\":\"" + ISSUED + "\",\"scope\":\"ALL_DETECTIONS\"}";
    }

    private JsonNode status(long agreement) {
        Api.Response r = api.get("/api/v1/sharing/agreements/" + agreement + "/feed", admin);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private String member(Role role) {
        return HotlistFixtures.member(accounts, tokens, role, false, TestDates.trainedRecently());
    }
}
