package org.platewatch.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.platewatch.server.ingest.ReadIngestApiTest.batch;
import static org.platewatch.server.ingest.ReadIngestApiTest.read;
import static org.platewatch.server.ingest.ReadIngestApiTest.readAt;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.support.AdminSession;
import org.platewatch.server.support.Api;
import org.platewatch.server.support.PlatewatchServerTest;
import org.platewatch.server.support.TestDates;
import org.platewatch.server.users.PersonalTokens;
import org.platewatch.server.users.Role;
import org.platewatch.server.users.UserAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A device's token is trusted for what the device is, not for whatever it claims: each attack here
 * goes through the real server and PostgreSQL, and none of it is stored.
 */
@PlatewatchServerTest
class DeviceTrustApiTest {

    @LocalServerPort
    int port;

    @Autowired
    DeviceRegistry devices;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    UserAccounts accounts;

    @Autowired
    PersonalTokens tokens;

    @Autowired
    java.time.Clock clock;

    Api api;
    RegisteredDevice camera;
    RegisteredDevice patrolCar;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        // Where ReadIngestApiTest.read puts its reads.
        camera = devices.register(
                new DeviceRegistration("cam-" + suffix, DeviceKind.FIXED, 37.8044, -122.2712, 90.0), Actor.SYSTEM);
        patrolCar = devices.register(
                new DeviceRegistration("car-" + suffix, DeviceKind.MOBILE, null, null, null), Actor.SYSTEM);
    }

    @Test
    void aFixedCamerasFarAwayPositionIsRefusedAndANearOneTakesTheRegisteredPosition() {
        Instant now = Instant.now().minusSeconds(5);
        // 37.90 is about 11 km north of the camera.
        Api.Response far = api.postJson(
                "/api/v1/reads",
                camera.token(),
                batch(List.of(
                        readAt(UUID.randomUUID(), "4FAR001", now, 37.8044, -122.2712),
                        readAt(UUID.randomUUID(), "4FAR002", now, 37.90, -122.2712))));
        assertProblem(far, 400, "invalid-field", "reads[1].latitude");
        assertThat(far.json().get("detail").asString()).contains("200 m");
        assertThat(count("plate LIKE '4FAR%'")).isZero();

        UUID near = UUID.randomUUID();
        // About 100 m east: GPS noise and a survey a few metres off are within the tolerance.
        assertThat(api.postJson(
                                "/api/v1/reads",
                                camera.token(),
                                batch(List.of(readAt(near, "4NEAR01", now, 37.8044, -122.2700))))
                        .status())
                .isEqualTo(200);
        JsonNode row = Api.parse(jdbc.sql("SELECT json_build_object('lat', location[1], 'lon', location[0])::text "
                        + "FROM detections WHERE read_id = ?")
                .param(near)
                .query(String.class)
                .single());
        assertThat(row.get("lat").asDouble()).isEqualTo(37.8044);
        assertThat(row.get("lon").asDouble())
                .as("the registered position, not the reported one")
                .isEqualTo(-122.2712);
    }

    @Test
    void readsBackDatedPastWhatTheDeviceMayHoldAreRefused() {
        Instant now = Instant.now();
        // A fixed camera holds reads a few days (platewatch.ingest.fixed-camera-backlog, 3 days).
        assertProblem(
                api.postJson(
                        "/api/v1/reads",
                        camera.token(),
                        batch(List.of(read(UUID.randomUUID(), "4OLD001", "CA", now.minus(4, ChronoUnit.DAYS))))),
                400,
                "invalid-field",
                "reads[0].capturedAt");
        // A mobile unit as long as Oakland lets a vehicle go between transfers (30 days), not to retention.
        assertProblem(
                api.postJson(
                        "/api/v1/reads",
                        patrolCar.token(),
                        batch(List.of(
                                read(UUID.randomUUID(), "4OLD002", "CA", now.minus(1, ChronoUnit.HOURS)),
                                read(UUID.randomUUID(), "4OLD003", "CA", now.minus(31, ChronoUnit.DAYS))))),
                400,
                "invalid-field",
                "reads[1].capturedAt");
        assertThat(count("plate LIKE '4OLD%'")).isZero();

        assertThat(api.postJson(
                                "/api/v1/reads",
                                camera.token(),
                                batch(List.of(read(UUID.randomUUID(), "4OLD004", "CA", now.minus(2, ChronoUnit.DAYS)))))
                        .status())
                .isEqualTo(200);
        assertThat(api.postJson(
                                "/api/v1/reads",
                                patrolCar.token(),
                                batch(List.of(
                                        read(UUID.randomUUID(), "4OLD005", "CA", now.minus(29, ChronoUnit.DAYS)))))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aReadIdOfAnotherDeviceIsRefusedAndTheSameDeviceResendingIsADuplicate() {
        Instant now = Instant.now().minusSeconds(5);
        UUID victimsRead = UUID.randomUUID();
        String original = batch(List.of(read(victimsRead, "4IDS001", "CA", now)));
        assertThat(api.postJson("/api/v1/reads", patrolCar.token(), original)
                        .json()
                        .get("accepted")
                        .asInt())
                .isEqualTo(1);

        String other = devices.register(
                        new DeviceRegistration("car-b-" + UUID.randomUUID(), DeviceKind.MOBILE, null, null, null),
                        Actor.SYSTEM)
                .token();
        Api.Response taken = api.postJson(
                "/api/v1/reads",
                other,
                batch(List.of(read(UUID.randomUUID(), "4IDS002", "CA", now), read(victimsRead, "4IDS003", "CA", now))));
        assertProblem(taken, 409, "conflict", "reads[1].readId");
        assertThat(count("plate IN ('4IDS002', '4IDS003')"))
                .as("nothing of the refused batch")
                .isZero();

        Api.Response again = api.postJson("/api/v1/reads", patrolCar.token(), original);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("duplicates").asInt()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT device_id FROM read_receipts WHERE read_id = ?")
                        .param(victimsRead)
                        .query(UUID.class)
                        .single())
                .isEqualTo(patrolCar.device().id());
    }

    /**
     * Receipts are partitioned by capture day and keyed by (read id, capture time) (V65): a retry is the same read and
     * meets its receipt; the same id with another capture time on the same UTC day is still this device's duplicate
     * or another device's id, refused. (Across days the partitions do not see each other; docs/retention.md.)
     */
    @Test
    void theSameReadIdAtAnotherTimeOfTheSameDayIsADuplicateForItsDeviceAndRefusedForAnother() {
        Instant at = Instant.now()
                .minus(2, ChronoUnit.DAYS)
                .truncatedTo(ChronoUnit.DAYS)
                .plus(10, ChronoUnit.HOURS);
        UUID id = UUID.randomUUID();
        String original = batch(List.of(read(id, "4DAY101", "CA", at)));
        assertThat(api.postJson("/api/v1/reads", patrolCar.token(), original)
                        .json()
                        .get("accepted")
                        .asInt())
                .isEqualTo(1);
        Api.Response retried = api.postJson("/api/v1/reads", patrolCar.token(), original);
        assertThat(retried.json().get("duplicates").asInt())
                .as("a retried batch, its day's receipts partition there")
                .isEqualTo(1);
        Api.Response shifted = api.postJson(
                "/api/v1/reads",
                patrolCar.token(),
                batch(List.of(read(id, "4DAY101", "CA", at.plus(3, ChronoUnit.HOURS)))));
        assertThat(shifted.json().get("duplicates").asInt()).isEqualTo(1);

        String other = devices.register(
                        new DeviceRegistration("car-c-" + UUID.randomUUID(), DeviceKind.MOBILE, null, null, null),
                        Actor.SYSTEM)
                .token();
        Api.Response taken = api.postJson(
                "/api/v1/reads", other, batch(List.of(read(id, "4DAY102", "CA", at.plus(1, ChronoUnit.HOURS)))));
        assertProblem(taken, 409, "conflict", "reads[0].readId");
        assertThat(count("plate IN ('4DAY101')")).as("stored once").isEqualTo(1);
        assertThat(count("plate IN ('4DAY102')")).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM read_receipts WHERE read_id = ?")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void oneUploadCreatesAtMostThreeNewDayPartitions() {
        Instant now = Instant.now();
        List<String> fiveDays = IntStream.range(0, 5)
                .mapToObj(i -> read(UUID.randomUUID(), "4DAY00" + i, "CA", now.minus(10 + i, ChronoUnit.DAYS)))
                .toList();
        Api.Response refused = api.postJson("/api/v1/reads", patrolCar.token(), batch(fiveDays));
        // Days are created oldest first: -14, -13, -12, and -11, the fourth, is reads[1].
        assertProblem(refused, 422, "too-many-capture-days", "reads[1].capturedAt");
        for (int i = 0; i < 5; i++) {
            assertThat(partitionExists(now.minus(10 + i, ChronoUnit.DAYS)))
                    .as("day -%d", 10 + i)
                    .isFalse();
        }
        assertThat(api.postJson("/api/v1/reads", patrolCar.token(), batch(fiveDays.subList(0, 3)))
                        .status())
                .isEqualTo(200);
        assertThat(api.postJson("/api/v1/reads", patrolCar.token(), batch(fiveDays))
                        .json()
                        .get("accepted")
                        .asInt())
                .as("the days already there cost nothing")
                .isEqualTo(2);
    }

    @Test
    void anAdministratorRetiresADeviceAndRotatesATokenBothAudited() {
        AdminSession admin = AdminSession.signIn(port, accounts, tokens, clock);
        String officer = person(Role.OFFICER);
        String aRead = batch(
                List.of(read(UUID.randomUUID(), "4RET001", "CA", Instant.now().minusSeconds(5))));
        assertThat(api.postJson("/api/v1/reads", camera.token(), aRead).status())
                .isEqualTo(200);

        UUID cameraId = camera.device().id();
        assertProblem(api.postJson("/api/v1/devices/" + cameraId + "/retire", officer, "{}"), 403, "forbidden", null);
        assertProblem(
                api.postJson("/api/v1/devices/" + cameraId + "/retire", admin.token(), "{}"),
                403,
                "reauthentication-required",
                null);
        Api.Response retired = admin.postJson("/api/v1/devices/" + cameraId + "/retire", null);
        assertThat(retired.status()).as(retired.body()).isEqualTo(200);
        assertThat(retired.json().get("active").asBoolean()).isFalse();
        assertProblem(
                api.postJson(
                        "/api/v1/reads",
                        camera.token(),
                        batch(List.of(read(UUID.randomUUID(), "4RET002", "CA", Instant.now())))),
                401,
                "unauthenticated",
                null);
        assertProblem(admin.postJson("/api/v1/devices/" + cameraId + "/token", null), 409, "conflict", "id");
        assertThat(count("plate = '4RET002'")).isZero();
        assertThat(count("plate = '4RET001'"))
                .as("a retired device's reads stay")
                .isEqualTo(1);

        UUID carId = patrolCar.device().id();
        assertProblem(api.postJson("/api/v1/devices/" + carId + "/token", officer, "{}"), 403, "forbidden", null);
        assertProblem(
                api.postJson("/api/v1/devices/" + carId + "/token", admin.token(), "{}"),
                403,
                "reauthentication-required",
                null);
        Api.Response rotated = admin.postJson("/api/v1/devices/" + carId + "/token", null);
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        String newToken = rotated.json().get("token").asString();
        assertThat(newToken).startsWith("pwd_").isNotEqualTo(patrolCar.token());
        String carRead = batch(
                List.of(read(UUID.randomUUID(), "4ROT001", "CA", Instant.now().minusSeconds(5))));
        assertProblem(api.postJson("/api/v1/reads", patrolCar.token(), carRead), 401, "unauthenticated", null);
        assertThat(api.postJson("/api/v1/reads", newToken, carRead).status()).isEqualTo(200);
        assertProblem(admin.postJson("/api/v1/devices/" + UUID.randomUUID() + "/retire", null), 404, "not-found", "id");

        assertThat(audited("device.retired", cameraId)).isEqualTo(1);
        assertThat(audited("device.token-rotated", carId)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT terms FROM audit_events WHERE action = 'device.token-rotated' AND subject = ?")
                        .param("device:" + carId)
                        .query(String.class)
                        .single())
                .doesNotContain(newToken);
    }

    private long audited(String action, UUID device) {
        return jdbc.sql("SELECT count(*) FROM audit_events WHERE action = ? AND subject = ?")
                .params(action, "device:" + device)
                .query(Long.class)
                .single();
    }

    private long count(String where) {
        return jdbc.sql("SELECT count(*) FROM detections WHERE " + where)
                .query(Long.class)
                .single();
    }

    private boolean partitionExists(Instant day) {
        String name = "detections_p"
                + LocalDate.ofInstant(day, ZoneOffset.UTC).toString().replace("-", "");
        return jdbc.sql("SELECT to_regclass(?) IS NOT NULL")
                .param(name)
                .query(Boolean.class)
                .single();
    }

    private String person(Role role) {
        String username = role.name().toLowerCase(java.util.Locale.ROOT)
                + UUID.randomUUID().toString().substring(0, 6);
        org.platewatch.server.support.Member.ready(
                accounts,
                new UserAccounts.NewUser(username, "Test " + role, role, true, TestDates.trainedRecently()),
                "correct horse battery");
        return tokens.issue(username, "test", Actor.SYSTEM).token();
    }

    static void assertProblem(Api.Response response, int status, String type, String field) {
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
}
