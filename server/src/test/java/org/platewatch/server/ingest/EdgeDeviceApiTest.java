package org.platewatch.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.support.AdminSession;
import org.platewatch.server.support.Api;
import org.platewatch.server.support.PlatewatchServerTest;
import org.platewatch.server.users.PersonalTokens;
import org.platewatch.server.users.Role;
import org.platewatch.server.users.UserAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The endpoints the edge agent uses besides the read upload: its own device, the hot-list export, checks, status. */
@PlatewatchServerTest
class EdgeDeviceApiTest {

    @LocalServerPort
    int port;

    @Autowired
    DeviceRegistry devices;

    @Autowired
    UserAccounts accounts;

    @Autowired
    PersonalTokens tokens;

    @Autowired
    Clock clock;

    @Autowired
    JdbcClient jdbc;

    Api api;
    String car;
    String carName;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        carName = "car-" + UUID.randomUUID().toString().substring(0, 8);
        car = devices.register(new DeviceRegistration(carName, DeviceKind.MOBILE, null, null, null), Actor.SYSTEM)
                .token();
    }

    @Test
    void aDeviceLearnsItsRegistrationAndItsMaximumTransferInterval() {
        Api.Response r = api.get("/api/v1/device", car);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("name").asString()).isEqualTo(carName);
        assertThat(r.json().get("kind").asString()).isEqualTo("MOBILE");
        assertThat(Duration.parse(r.json().get("maxTransferInterval").asString()))
                .isPositive();

        AdminSession admin = AdminSession.signIn(port, accounts, tokens, clock);
        assertThat(api.get("/api/v1/device", admin.token()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/hotlists/export", admin.token()).status()).isEqualTo(403);
    }

    @Test
    void theHotListExportIsSignedAndAnUnchangedOneCostsA304() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> first =
                http.send(request("/api/v1/hotlists/export").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(first.statusCode()).isEqualTo(200);
        JsonNode export = Api.parse(first.body());
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).isEqualTo("\"" + export.get("version").asString() + "\"");

        JsonNode key = api.get("/api/v1/hotlists/export/key", car).json();
        Signature s = Signature.getInstance("Ed25519");
        s.initVerify(KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(
                        Base64.getDecoder().decode(key.get("publicKey").asString()))));
        s.update(export.get("payload").asString().getBytes(StandardCharsets.UTF_8));
        assertThat(s.verify(Base64.getDecoder().decode(export.get("signature").asString())))
                .isTrue();
        JsonNode payload = Api.parse(export.get("payload").asString());
        assertThat(payload.get("entries").isArray()).isTrue();
        assertThat(payload.get("maxAge").asString()).startsWith("P");

        HttpResponse<String> again = http.send(
                request("/api/v1/hotlists/export").header("If-None-Match", etag).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void aFailedCheckAndAStartWithoutAPassingOneAreShownOnTheCamerasPage() throws Exception {
        String now = clock.instant().toString();
        Api.Response check = api.postJson("/api/v1/device/checks", car, """
                {"checkedAt":"%s","passed":false,"items":[
                  {"name":"camera","passed":false,"detail":"no image within 30 seconds"},
                  {"name":"server","passed":true,"detail":"reachable"}]}""".formatted(now));
        assertThat(check.status()).isEqualTo(201);
        assertThat(api.postJson("/api/v1/device/checks", car, """
                {"checkedAt":"%s","passed":true,"items":[{"name":"camera","passed":false}]}""".formatted(now))
                        .json()
                        .get("field")
                        .asString())
                .isEqualTo("passed");
        Api.Response status = api.postJson(
                "/api/v1/device/status", car, """
                {"agentStartedAt":"%s","waiting":42,"refused":0,"oldestUnsentAt":"%s"}""".formatted(now, clock.instant().minus(Duration.ofHours(3))));
        assertThat(status.status()).isEqualTo(204);
        assertThat(api.postJson("/api/v1/device/status", car, "{\"waiting\":1}").status())
                .isEqualTo(400);

        AdminSession supervisor = AdminSession.signIn(port, accounts, tokens, clock, Role.SUPERVISOR);
        String table = supervisor.session().get("/cameras/table").body();
        String row = table.substring(table.indexOf("data-device=\"" + carName + "\""));
        row = row.substring(0, row.indexOf("</tr>"));
        assertThat(row)
                .contains("42 reads wait")
                .contains(": FAILED")
                .contains("Shift started without a passing check");

        String passedAt = clock.instant().toString();
        assertThat(api.postJson("/api/v1/device/checks", car, """
                {"checkedAt":"%s","passed":true,"items":[{"name":"camera","passed":true,"detail":"ok"}]}""".formatted(passedAt))
                        .status())
                .isEqualTo(201);
        table = supervisor.session().get("/cameras/table").body();
        row = table.substring(table.indexOf("data-device=\"" + carName + "\""));
        row = row.substring(0, row.indexOf("</tr>"));
        assertThat(row).contains(": passed").doesNotContain("Shift started without a passing check");
        assertThat(jdbc.sql(
                                "SELECT count(*) FROM device_checks d JOIN devices v ON v.id = d.device_id WHERE v.name = ?")
                        .param(carName)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + car);
    }
}
