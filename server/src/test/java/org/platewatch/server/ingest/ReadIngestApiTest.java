package org.platewatch.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.reads.ImageStore;
import org.platewatch.server.support.AdminSession;
import org.platewatch.server.support.Api;
import org.platewatch.server.support.Member;
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

@PlatewatchServerTest
@TestPropertySource(properties = "platewatch.ingest.max-image-size=64KB")
class ReadIngestApiTest {

    @Autowired
    java.time.Clock clock;

    @LocalServerPort
    int port;

    @Autowired
    DeviceRegistry devices;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    UserAccounts accounts;

    @Autowired
    ImageStore images;

    @Autowired
    PersonalTokens tokens;

    Api api;
    String camera;
    String patrolCar;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        camera = devices.register(
                        new DeviceRegistration("cam-" + suffix, DeviceKind.FIXED, 37.80, -122.27, 90.0), Actor.SYSTEM)
                .token();
        patrolCar = devices.register(
                        new DeviceRegistration("car-" + suffix, DeviceKind.MOBILE, null, null, null), Actor.SYSTEM)
                .token();
    }

    @Test
    void storesABatchAndCountsAResendAsDuplicates() {
        List<String> reads = List.of(
                read(UUID.randomUUID(), "7abc-123", "CA", Instant.now().minusSeconds(5)),
                read(UUID.randomUUID(), "8XYZ999", null, Instant.now().minusSeconds(4)),
                read(UUID.randomUUID(), "4GHI567", "NV", Instant.now().minusSeconds(3)));
        String batch = batch(reads);

        Api.Response first = api.postJson("/api/v1/reads", patrolCar, batch);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("accepted").asInt()).isEqualTo(3);
        assertThat(first.json().get("duplicates").asInt()).isZero();

        Api.Response again = api.postJson("/api/v1/reads", patrolCar, batch);
        assertThat(again.json().get("accepted").asInt()).isZero();
        assertThat(again.json().get("duplicates").asInt()).isEqualTo(3);

        assertThat(jdbc.sql("SELECT plate FROM detections WHERE plate IN ('7ABC123','8XYZ999','4GHI567')")
                        .query(String.class)
                        .list())
                .containsExactlyInAnyOrder("7ABC123", "8XYZ999", "4GHI567");
        assertThat(jdbc.sql("SELECT count(*) FROM detections WHERE plate = '8XYZ999' AND state IS NULL")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aFixedCameraMayLeaveOutItsOwnPosition() {
        UUID id = UUID.randomUUID();
        String json =
                "{\"reads\":[{\"readId\":\"" + id + "\",\"plate\":\"6FIX001\",\"state\":\"CA\",\"confidence\":0.9,"
                        + "\"capturedAt\":\"" + Instant.now().minusSeconds(1) + "\"}]}";
        assertThat(api.postJson("/api/v1/reads", camera, json).status()).isEqualTo(200);
        JsonNode row = Api.parse(jdbc.sql("SELECT json_build_object('lat', location[1], 'lon', location[0], "
                        + "'heading', heading_degrees)::text FROM detections WHERE read_id = ?")
                .param(id)
                .query(String.class)
                .single());
        assertThat(row.get("lat").asDouble()).isEqualTo(37.80);
        assertThat(row.get("lon").asDouble()).isEqualTo(-122.27);
        assertThat(row.get("heading").asDouble()).isEqualTo(90.0);
    }

    @Test
    void refusesMissingAndUnknownCredentials() {
        String batch = batch(List.of(read(UUID.randomUUID(), "1AAA111", "CA", Instant.now())));
        assertProblem(api.postJson("/api/v1/reads", null, batch), 401, "unauthenticated", null);
        assertProblem(api.postJson("/api/v1/reads", "pwd_not-a-real-token", batch), 401, "unauthenticated", null);
        assertProblem(api.postJson("/api/v1/reads", "garbage", batch), 401, "unauthenticated", null);
    }

    @Test
    void namesTheFieldOfEachBadInputAndStoresNothingOfThatBatch() {
        Instant now = Instant.now();
        assertBadBatch("{\"reads\": [", "malformed-request", null);
        assertBadBatch("{\"nothing\": []}", "invalid-field", "reads");
        assertBadBatch(
                batch(List.of(
                        read(UUID.randomUUID(), "2GOOD22", "CA", now),
                        "{\"readId\":\"" + UUID.randomUUID() + "\",\"state\":\"CA\",\"confidence\":0.5,"
                                + "\"capturedAt\":\"" + now + "\",\"latitude\":37.8,\"longitude\":-122.2}")),
                "invalid-field",
                "reads[1].plate");
        assertBadBatch(
                batch(List.of(read(UUID.randomUUID(), "2GOOD23", "CA", now.plus(1, ChronoUnit.HOURS)))),
                "invalid-field",
                "reads[0].capturedAt");
        assertBadBatch(
                batch(List.of(readAt(UUID.randomUUID(), "2GOOD24", now, 91.0, -122.0))),
                "invalid-field",
                "reads[0].latitude");
        assertBadBatch(
                batch(List.of(readAt(UUID.randomUUID(), "2GOOD25", now, 37.0, 200.0))),
                "invalid-field",
                "reads[0].longitude");
        assertBadBatch(
                batch(List.of(read(UUID.randomUUID(), "2GOOD26", "XX", now))), "invalid-field", "reads[0].state");
        assertBadBatch(
                batch(List.of(read(UUID.randomUUID(), "2GOOD27", "CA", now).replace("0.91", "1.5"))),
                "invalid-field",
                "reads[0].confidence");
        assertBadBatch(
                batch(List.of(read(UUID.randomUUID(), "2GOOD28", "CA", now)
                        .replaceFirst("\"readId\":\"[^\"]+\"", "\"readId\":\"not-a-uuid\""))),
                "invalid-field",
                "reads[0].readId");
        List<String> tooMany = IntStream.range(0, 1001)
                .mapToObj(i -> read(UUID.randomUUID(), "3MANY" + (i % 100), "CA", now))
                .toList();
        assertBadBatch(batch(tooMany), "invalid-field", "reads");

        assertThat(jdbc.sql("SELECT count(*) FROM detections WHERE plate LIKE '2GOOD%' OR plate LIKE '3MANY%'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void acceptsAJpegForItsOwnReadAndRefusesEverythingElse() throws IOException {
        UUID readId = UUID.randomUUID();
        api.postJson("/api/v1/reads", patrolCar, batch(List.of(read(readId, "5IMG555", "CA", Instant.now()))));
        byte[] jpeg = jpeg(64, 32);

        Api.Response stored = api.putBytes("/api/v1/reads/" + readId + "/image", patrolCar, "image/jpeg", jpeg);
        assertThat(stored.status()).isEqualTo(200);
        String sha = stored.json().get("sha256").asString();
        assertThat(jdbc.sql("SELECT image_sha256 FROM detections WHERE read_id = ?")
                        .param(readId)
                        .query(String.class)
                        .single())
                .isEqualTo(sha);

        assertProblem(
                api.putBytes(
                        "/api/v1/reads/" + readId + "/image",
                        patrolCar,
                        "image/jpeg",
                        "not a jpeg".getBytes(StandardCharsets.UTF_8)),
                400,
                "invalid-field",
                "image");
        assertProblem(
                api.putBytes("/api/v1/reads/" + readId + "/image", patrolCar, "image/png", jpeg),
                415,
                "unsupported-media-type",
                null);
        assertProblem(
                api.putBytes("/api/v1/reads/" + readId + "/image", patrolCar, "image/jpeg", new byte[70 * 1024]),
                413,
                "payload-too-large",
                "image");
        assertProblem(
                api.putBytes("/api/v1/reads/" + UUID.randomUUID() + "/image", patrolCar, "image/jpeg", jpeg),
                404,
                "not-found",
                "readId");
        // Another device cannot attach images to this car's reads.
        assertProblem(
                api.putBytes("/api/v1/reads/" + readId + "/image", camera, "image/jpeg", jpeg),
                404,
                "not-found",
                "readId");
    }

    @Test
    void createsThePartitionOfALateUpload() {
        // A patrol car may hold reads up to Oakland's transfer interval (30 days, DeviceTrustApiTest).
        Instant twentyDaysAgo = Instant.now().minus(20, ChronoUnit.DAYS);
        String partition = "detections_p"
                + LocalDate.ofInstant(twentyDaysAgo, ZoneOffset.UTC).toString().replace("-", "");
        assertThat(partitionExists(partition)).isFalse();

        Api.Response response = api.postJson(
                "/api/v1/reads", patrolCar, batch(List.of(read(UUID.randomUUID(), "9LATE99", "CA", twentyDaysAgo))));

        assertThat(response.status()).isEqualTo(200);
        assertThat(partitionExists(partition)).isTrue();
        assertThat(jdbc.sql("SELECT count(*) FROM " + partition + " WHERE plate = '9LATE99'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void partitionsAreReadyAWeekAhead() {
        LocalDate inAWeek = LocalDate.now(ZoneOffset.UTC).plusDays(7);
        assertThat(partitionExists("detections_p" + inAWeek.toString().replace("-", "")))
                .isTrue();
    }

    @Test
    void acceptsTheOpenAlprAgentsGroupAndResultsFormats() {
        long epochMs = Instant.now().minusSeconds(30).toEpochMilli();
        String group = """
                {"version": 1, "data_type": "alpr_group", "epoch_start": %d, "epoch_end": %d,
                 "company_id": "xxxxxxxx", "site_id": "oakland-hq", "camera_id": 1414799424,
                 "uuids": ["oakland-hq-cam1414799424-%d"],
                 "best_plate": {"plate": "A13709", "confidence": 92.07, "region": "ca", "region_confidence": 0},
                 "best_confidence": 92.075203, "best_uuid": "oakland-hq-cam1414799424-%d",
                 "best_plate_number": "A13709", "best_region": "us-ca", "travel_direction": 182.5,
                 "gps_latitude": 37.81, "gps_longitude": -122.26,
                 "vehicle": {"color": [{"name": "white", "confidence": 80.1}], "make": [{"name": "dodge", "confidence": 40.0}],
                             "make_model": [{"name": "dodge_charger", "confidence": 30.0}], "body_type": [{"name": "sedan-standard", "confidence": 70.0}]}}
                """.formatted(epochMs, epochMs + 1200, epochMs, epochMs);
        Api.Response response = api.postJson("/api/v1/reads/openalpr", patrolCar, group);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("accepted").asInt()).isEqualTo(1);
        assertThat(api.postJson("/api/v1/reads/openalpr", patrolCar, group)
                        .json()
                        .get("duplicates")
                        .asInt())
                .isEqualTo(1);
        JsonNode row = Api.parse(jdbc.sql(
                        "SELECT row_to_json(d)::text FROM (SELECT state, confidence, vehicle_make, "
                                + "vehicle_color, vehicle_type, source, heading_degrees FROM detections WHERE plate = 'A13709') d")
                .query(String.class)
                .single());
        assertThat(row.get("state").asString()).isEqualTo("CA");
        assertThat(row.get("confidence").asDouble()).isBetween(0.92, 0.93);
        assertThat(row.get("vehicle_make").asString()).isEqualTo("dodge");
        assertThat(row.get("vehicle_color").asString()).isEqualTo("white");
        assertThat(row.get("source").asString()).isEqualTo("OPENALPR");

        String results = """
                {"uuid": "f11e0acc-6aaf-4817-9299-9e6773043b8e", "data_type": "alpr_results", "camera_id": 1,
                 "site_id": "headquarters", "img_width": 640, "img_height": 480, "epoch_time": %d,
                 "processing_time_ms": 138.6,
                 "results": [{"plate": "S11FRE", "confidence": 77.13, "matches_template": 0, "region": "",
                              "region_confidence": 0, "coordinates": [], "candidates": []},
                             {"plate": "EJLESSIE", "confidence": 78.16, "matches_template": 0, "region": "nv",
                              "region_confidence": 0, "coordinates": [], "candidates": []}]}
                """.formatted(Instant.now().minusSeconds(60).getEpochSecond());
        Api.Response fixed = api.postJson("/api/v1/reads/openalpr", camera, results);
        assertThat(fixed.status()).isEqualTo(200);
        assertThat(fixed.json().get("accepted").asInt()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT state FROM detections WHERE plate = 'EJLESSIE'")
                        .query(String.class)
                        .single())
                .isEqualTo("NV");

        assertProblem(
                api.postJson(
                        "/api/v1/reads/openalpr",
                        patrolCar,
                        "{\"data_type\":\"alpr_group\","
                                + "\"epoch_start\":" + epochMs + ",\"best_uuid\":\"x\",\"best_confidence\":50,"
                                + "\"gps_latitude\":37.8,\"gps_longitude\":-122.2}"),
                400,
                "invalid-field",
                "best_plate_number");
        assertProblem(
                api.postJson("/api/v1/reads/openalpr", patrolCar, "{\"data_type\":\"video\"}"),
                400,
                "invalid-field",
                "data_type");
    }

    @Test
    void onlyAnAdministratorRegistersDevicesAndOnlyOperatorsViewImages() throws IOException {
        AdminSession admin = AdminSession.signIn(port, accounts, tokens, clock);
        String officer = person("off", Role.OFFICER);
        String auditor = person("aud", Role.AUDITOR);

        Api.Response created = admin.postJson(
                "/api/v1/devices",
                "{\"name\":\"Fruitvale Ave & E 12th St\",\"kind\":\"FIXED\",\"latitude\":37.7775,"
                        + "\"longitude\":-122.2247,\"heading\":120}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("token").asString()).startsWith("pwd_");
        assertProblem(
                admin.postJson("/api/v1/devices", "{\"name\":\"No place\",\"kind\":\"FIXED\"}"),
                400,
                "invalid-field",
                "latitude");
        assertProblem(
                api.postJson("/api/v1/devices", officer, "{\"name\":\"x\",\"kind\":\"MOBILE\"}"),
                403,
                "forbidden",
                null);
        assertThat(api.get("/api/v1/devices", officer).json().findValuesAsString("name"))
                .contains("Fruitvale Ave & E 12th St");
        assertProblem(api.get("/api/v1/devices", patrolCar), 403, "forbidden", null);

        UUID readId = UUID.randomUUID();
        api.postJson("/api/v1/reads", patrolCar, batch(List.of(read(readId, "5VUE555", "CA", Instant.now()))));
        byte[] jpeg = jpeg(32, 16);
        api.putBytes("/api/v1/reads/" + readId + "/image", patrolCar, "image/jpeg", jpeg);
        // A read that raised no alert is reached only through a search, with its case number and purpose.
        assertProblem(api.get("/api/v1/reads/" + readId + "/image", officer), 404, "not-found", "readId");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_events WHERE action = 'image.viewed' AND subject = ?")
                        .param("read:" + readId)
                        .query(Long.class)
                        .single())
                .isZero();
        assertProblem(api.get("/api/v1/reads/" + readId + "/image", auditor), 403, "forbidden", null);
        assertProblem(api.get("/api/v1/reads/" + readId + "/image", patrolCar), 403, "forbidden", null);
    }

    @Test
    void refusesReadsOlderThanTheDepartmentKeepsAndControlCharacters() {
        // Oakland purges detections at six months: a read from 200 days ago is a device clock fault.
        assertBadBatch(
                batch(List.of(
                        read(UUID.randomUUID(), "2OLD200", "CA", Instant.now().minus(200, ChronoUnit.DAYS)))),
                "invalid-field",
                "reads[0].capturedAt");
        assertBadBatch(
                batch(List.of(read(UUID.randomUUID(), "2CTL201", "CA", Instant.now())
                        .replace("\"make\":\"Toyota\"", "\"make\":\"Toy\\u0000ota\""))),
                "invalid-field",
                "reads[0].vehicle.make");
    }

    @Test
    void anAttachedImageIsNeverReplacedAndALapsedMemberCannotViewIt() throws IOException {
        UUID readId = UUID.randomUUID();
        api.postJson("/api/v1/reads", patrolCar, batch(List.of(read(readId, "5KEEP55", "CA", Instant.now()))));
        byte[] first = jpeg(40, 20);
        assertThat(api.putBytes("/api/v1/reads/" + readId + "/image", patrolCar, "image/jpeg", first)
                        .status())
                .isEqualTo(200);
        assertThat(api.putBytes("/api/v1/reads/" + readId + "/image", patrolCar, "image/jpeg", first)
                        .status())
                .as("the same image again is harmless")
                .isEqualTo(200);
        byte[] second = jpeg(48, 24);
        assertProblem(
                api.putBytes("/api/v1/reads/" + readId + "/image", patrolCar, "image/jpeg", second),
                409,
                "conflict",
                "image");
        String firstSha = ImageStore.sha256(first);
        assertThat(jdbc.sql("SELECT image_sha256 FROM detections WHERE read_id = ?")
                        .param(readId)
                        .query(String.class)
                        .single())
                .as("the first image stays the read's image")
                .isEqualTo(firstSha);
        assertThat(images.open(ImageStore.sha256(second)))
                .as("the refused image is not written")
                .isEmpty();
        assertThat(images.open(firstSha)).isPresent();

        String username = "lapsed" + UUID.randomUUID().toString().substring(0, 6);
        Member.ready(
                accounts,
                new UserAccounts.NewUser(
                        username,
                        "Lapsed Officer",
                        Role.OFFICER,
                        true,
                        TestDates.trainedRecently().minusYears(2)),
                "correct horse battery");
        String lapsed = tokens.issue(username, "test", Actor.SYSTEM).token();
        assertProblem(api.get("/api/v1/reads/" + readId + "/image", lapsed), 403, "training-lapsed", null);
    }

    @Test
    void healthAndTheApiDescriptionArePublic() {
        Api.Response health = api.get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("UP");
        Api.Response openApi = api.get("/v3/api-docs", null);
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.json().get("paths").has("/api/v1/reads")).isTrue();
        assertThat(openApi.json().get("paths").has("/api/v1/reads/openalpr")).isTrue();
    }

    private String person(String prefix, Role role) {
        String username = prefix + UUID.randomUUID().toString().substring(0, 6);
        Member.ready(
                accounts,
                new UserAccounts.NewUser(username, "Test " + role, role, true, TestDates.trainedRecently()),
                "correct horse battery");
        return tokens.issue(username, "test", Actor.SYSTEM).token();
    }

    private boolean partitionExists(String name) {
        return jdbc.sql("SELECT to_regclass(?) IS NOT NULL")
                .param(name)
                .query(Boolean.class)
                .single();
    }

    private void assertBadBatch(String body, String type, String field) {
        assertProblem(api.postJson("/api/v1/reads", patrolCar, body), 400, type, field);
    }

    private static void assertProblem(Api.Response response, int status, String type, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.isProblem()).as(response.contentType()).isTrue();
        JsonNode problem = response.json();
        assertThat(problem.get("type").asString()).isEqualTo("urn:platewatch:problem:" + type);
        assertThat(problem.get("detail").asString()).isNotBlank();
        assertThat(problem.has("trace")).isFalse();
        if (field != null) {
            assertThat(problem.get("field").asString()).isEqualTo(field);
        }
    }

    static String batch(List<String> reads) {
        return "{\"reads\":[" + String.join(",", reads) + "]}";
    }

    static String read(UUID id, String plate, String state, Instant at) {
        return readAt(id, plate, at, 37.8044, -122.2712)
                .replace("\"state\":null", "\"state\":" + (state == null ? "null" : "\"" + state + "\""));
    }

    static String readAt(UUID id, String plate, Instant at, double lat, double lon) {
        return "{\"readId\":\"" + id + "\",\"plate\":\"" + plate + "\",\"state\":null,\"confidence\":0.91,"
                + "\"capturedAt\":\"" + at + "\",\"latitude\":" + lat + ",\"longitude\":" + lon
                + ",\"heading\":45,\"vehicle\":{\"make\":\"Toyota\",\"model\":\"Camry\",\"color\":\"silver\","
                + "\"type\":\"sedan\"}}";
    }

    static byte[] jpeg(int w, int h) throws IOException {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out);
        return out.toByteArray();
    }
}
