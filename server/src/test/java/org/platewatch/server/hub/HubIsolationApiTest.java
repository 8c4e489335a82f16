package org.platewatch.server.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.platewatch.server.alert.SseReader;
import org.platewatch.server.hotlist.HotlistFixtures;
import org.platewatch.server.ingest.DeviceKind;
import org.platewatch.server.ingest.DeviceRegistration;
import org.platewatch.server.ingest.DeviceRegistry;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.platform.AgencyId;
import org.platewatch.server.platform.AgencyScope;
import org.platewatch.server.policy.DepartmentProfile;
import org.platewatch.server.support.AdminSession;
import org.platewatch.server.support.Api;
import org.platewatch.server.support.PlatewatchServerTest;
import org.platewatch.server.support.TestDatabase;
import org.platewatch.server.support.TestDates;
import org.platewatch.server.users.PersonalTokens;
import org.platewatch.server.users.Role;
import org.platewatch.server.users.UserAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Hub mode with two agencies, through the real server on the real PostgreSQL: the home agency (A) and a second one
 * (B). A member of A never sees B's reads, through search, its export, the read image or the alerts, unless B shares
 * them by a standing agreement; a device of B uploads reads that are B's; and the application role's own connection
 * without an agency sees no read at all, whatever its query forgets.
 */
@PlatewatchServerTest
@TestPropertySource(properties = {"platewatch.hub.enabled=true", "platewatch.alert.rematch-interval=1h"})
class HubIsolationApiTest {

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts accounts;

    @Autowired
    PersonalTokens tokens;

    @Autowired
    DeviceRegistry devices;

    @Autowired
    DepartmentProfile profile;

    @Autowired
    Clock clock;

    @Value("${platewatch.test.database-url}")
    String databaseUrl;

    Api api;
    String suffix;
    String plate;
    AgencyId b;
    String bCode;
    String adminA;
    String investigatorA;
    String officerA;
    String adminB;
    String investigatorB;
    String officerB;
    String cameraA;
    String cameraB;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        suffix = UUID.randomUUID().toString().substring(0, 6);
        plate = "7" + letters() + "42";
        adminA = member(Role.ADMINISTRATOR);
        investigatorA = member(Role.INVESTIGATOR);
        officerA = officer();
        bCode = "agency-" + suffix;
        Api.Response registered =
                api.postJson("/api/v1/hub/agencies", adminA, "{\"code\":\"" + bCode + "\",\"name\":\"Agency B\"}");
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        b = new AgencyId(registered.json().get("id").asInt());
        adminB = AgencyScope.actingFor(b, () -> member(Role.ADMINISTRATOR));
        investigatorB = AgencyScope.actingFor(b, () -> member(Role.INVESTIGATOR));
        officerB = AgencyScope.actingFor(b, this::officer);
        cameraA = camera("a");
        cameraB = AgencyScope.actingFor(b, () -> camera("b"));
    }

    @Test
    void aDeviceOfBUploadsReadsThatAreBsAndOnlyBsMembersFindThem() throws SQLException {
        UUID readA = upload(cameraA, plate);
        UUID readB = upload(cameraB, plate);

        assertThat(agencyOf(readA)).isEqualTo(AgencyId.HOME.value());
        assertThat(agencyOf(readB)).isEqualTo(b.value());
        assertThat(searchReadIds(investigatorA, plate)).containsExactly(readA.toString());
        assertThat(searchReadIds(investigatorB, plate)).containsExactly(readB.toString());
    }

    @Test
    void theExportAndTheImageOfAnotherAgencysReadAreNotOpenToA() {
        UUID readB = upload(cameraB, plate);
        upload(cameraA, plate);
        String search = runSearch(investigatorA, plate).get("id").asString();

        Api.Response csv = api.get("/api/v1/searches/" + search + "/export.csv", investigatorA);
        assertThat(csv.status()).as(csv.body()).isEqualTo(200);
        assertThat(csv.body()).doesNotContain(readB.toString());
        Api.Response image = api.get("/api/v1/searches/" + search + "/results/" + readB + "/image", investigatorA);
        assertThat(image.status()).as(image.body()).isEqualTo(404);
        Api.Response alertImage = api.get("/api/v1/reads/" + readB + "/image", officerA);
        assertThat(alertImage.status()).as(alertImage.body()).isEqualTo(404);
        assertThat(alertImage.isProblem()).isTrue();
        // B's search itself is B's: its criteria and results are not A's to open.
        String searchB = runSearch(investigatorB, plate).get("id").asString();
        assertThat(api.get("/api/v1/searches/" + searchB, investigatorA).status())
                .isEqualTo(404);
    }

    @Test
    void anAlertOnBsReadIsBsAlone() {
        listed(plate);
        UUID readB = upload(cameraB, plate);

        Api.Response ofB = api.get("/api/v1/alerts", officerB);
        assertThat(ofB.status()).as(ofB.body()).isEqualTo(200);
        assertThat(ofB.body()).contains(readB.toString());
        Api.Response ofA = api.get("/api/v1/alerts", officerA);
        assertThat(ofA.status()).as(ofA.body()).isEqualTo(200);
        assertThat(ofA.body()).doesNotContain(readB.toString());
        long alertId = ofB.json().get(0).get("id").asLong();
        assertThat(api.get("/api/v1/alerts/" + alertId, officerA).status()).isEqualTo(404);
    }

    /** The live stream too: each agency's officers get its own alerts, and the first one A's officer gets is A's. */
    @Test
    void theLiveStreamSendsAnAlertToItsAgencysOfficersAlone() throws Exception {
        listed(plate);
        try (SseReader ofA = new SseReader(port, officerA);
                SseReader ofB = new SseReader(port, officerB)) {
            UUID readB = upload(cameraB, plate);
            assertThat(ofB.next("alert", Duration.ofSeconds(10))
                            .get("read")
                            .get("readId")
                            .asString())
                    .isEqualTo(readB.toString());
            UUID readA = upload(cameraA, plate);
            assertThat(ofA.next("alert", Duration.ofSeconds(10))
                            .get("read")
                            .get("readId")
                            .asString())
                    .isEqualTo(readA.toString());
        }
    }

    @Test
    void aStandingAgreementFromBLetsAsMembersSeeBsReadsUntilItIsWithdrawn() {
        UUID readA = upload(cameraA, plate);
        UUID readB = upload(cameraB, plate);
        assertThat(searchReadIds(investigatorA, plate)).containsExactly(readA.toString());

        Api.Response shared = api.postJson("/api/v1/hub/agreements", adminB, "{\"grantee\":\"home\"}");
        assertThat(shared.status()).as(shared.body()).isEqualTo(201);
        assertThat(searchReadIds(investigatorA, plate)).containsExactlyInAnyOrder(readA.toString(), readB.toString());
        // Shared one way only: B's members still see B's reads alone.
        assertThat(searchReadIds(investigatorB, plate)).containsExactly(readB.toString());
        // Only the grantor withdraws, and then A sees its own again.
        long id = shared.json().get("id").asLong();
        assertThat(api.postJson("/api/v1/hub/agreements/" + id + "/withdrawal", adminA, "{}")
                        .status())
                .isEqualTo(404);
        assertThat(api.postJson("/api/v1/hub/agreements/" + id + "/withdrawal", adminB, "{}")
                        .status())
                .isEqualTo(200);
        assertThat(searchReadIds(investigatorA, plate)).containsExactly(readA.toString());
    }

    @Test
    void onlyTheHubsOwnAdministratorsRegisterAgencies() {
        Api.Response r = api.postJson("/api/v1/hub/agencies", adminB, "{\"code\":\"c-" + suffix + "\",\"name\":\"C\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(403);
        assertThat(r.isProblem()).isTrue();
        Api.Response again =
                api.postJson("/api/v1/hub/agencies", adminA, "{\"code\":\"" + bCode + "\",\"name\":\"B again\"}");
        assertThat(again.status()).as(again.body()).isEqualTo(409);
    }

    /** The forgotten WHERE: the application role's connection, without an agency, sees no read, alert or search. */
    @Test
    void theApplicationRoleWithoutAnAgencySeesNoRowAndCannotWriteAnotherAgencysRead() throws SQLException {
        listed(plate);
        UUID readB = upload(cameraB, plate);
        upload(cameraA, plate);
        String partition = "detections_p"
                + DateTimeFormatter.ofPattern("yyyyMMdd")
                        .format(clock.instant()
                                .minusSeconds(5)
                                .atOffset(ZoneOffset.UTC)
                                .toLocalDate());
        try (Connection app = DriverManager.getConnection(databaseUrl, TestDatabase.APP_ROLE, "platewatch");
                Statement s = app.createStatement()) {
            assertThat(count(s, "SELECT count(*) FROM detections")).isZero();
            assertThat(count(s, "SELECT count(*) FROM " + partition)).isZero();
            assertThat(count(s, "SELECT count(*) FROM alerts")).isZero();
            assertThat(count(s, "SELECT count(*) FROM searches")).isZero();

            s.execute("SELECT set_config('platewatch.agency', '" + b.value() + "', false)");
            assertThat(count(s, "SELECT count(*) FROM detections WHERE plate = '" + plate + "'"))
                    .isEqualTo(1);
            assertThat(count(s, "SELECT count(*) FROM " + partition)).isZero();
            s.execute("SELECT set_config('platewatch.agency', '1', false)");
            assertThat(count(s, "SELECT count(*) FROM detections WHERE read_id = '" + readB + "'"))
                    .isZero();
            assertThatThrownBy(() -> s.executeUpdate(
                            "UPDATE detections SET agency_id = " + b.value() + " WHERE plate = '" + plate + "'"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("row-level security");
        }
        try (Connection owner = TestDatabase.get().superConnection(databaseUrl);
                Statement s = owner.createStatement()) {
            assertThat(count(s, "SELECT count(*) FROM detections WHERE plate = '" + plate + "'"))
                    .isEqualTo(2);
        }
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private int agencyOf(UUID readId) throws SQLException {
        try (Connection owner = TestDatabase.get().superConnection(databaseUrl);
                PreparedStatement ps = owner.prepareStatement("SELECT agency_id FROM detections WHERE read_id = ?")) {
            ps.setObject(1, readId);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("read " + readId + " stored").isTrue();
                return rs.getInt(1);
            }
        }
    }

    private List<String> searchReadIds(String token, String plateText) {
        List<String> ids = new ArrayList<>();
        JsonNode search = runSearch(token, plateText);
        for (JsonNode hit : search.get("results")) {
            ids.add(hit.get("readId").asString());
        }
        assertThat(search.get("total").asInt()).isEqualTo(ids.size());
        return ids;
    }

    private JsonNode runSearch(String token, String plateText) {
        Api.Response r = api.postJson(
                "/api/v1/searches",
                token,
                "{\"caseNumber\":\"24-000123\",\"purpose\":\"STOLEN_VEHICLE\",\"reason\":\"stolen vehicle report\","
                        + "\"plate\":\"" + plateText + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private UUID upload(String camera, String plateText) {
        UUID id = UUID.randomUUID();
        Instant at = clock.instant().minusSeconds(5);
        Api.Response r = api.postJson(
                "/api/v1/reads",
                camera,
                "{\"reads\":[{\"readId\":\"" + id + "\",\"plate\":\"" + plateText + "\",\"state\":\"CA\","
                        + "\"confidence\":0.93,\"capturedAt\":\"" + at + "\"}]}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return id;
    }

    /** The plate on a CA DOJ stolen-vehicle list the home administrator imports (hot lists are the hub's). */
    private void listed(String plateText) {
        AdminSession lists = AdminSession.signIn(port, accounts, tokens, clock);
        long id = HotlistFixtures.designate(api, lists, "svs-" + suffix, "CA_DOJ_SVS", "CA_DOJ", null);
        Api.Response r = HotlistFixtures.upload(
                api,
                port,
                "/api/v1/hotlists/" + id + "/imports",
                lists,
                "svs.tbl",
                HotlistFixtures.dojFile(clock, profile.zone(), List.<String[]>of(new String[] {plateText, "CA"})));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private String member(Role role) {
        return HotlistFixtures.member(accounts, tokens, role, false, TestDates.trainedRecently());
    }

    private String officer() {
        return HotlistFixtures.member(accounts, tokens, Role.OFFICER, true, TestDates.trainedRecently());
    }

    private String camera(String name) {
        return devices.register(
                        new DeviceRegistration("cam-" + name + "-" + suffix, DeviceKind.FIXED, 37.80, -122.27, 90.0),
                        Actor.SYSTEM)
                .token();
    }

    private static String letters() {
        String letters = "ACEFHJKMNPRTUVWXY";
        StringBuilder t = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            t.append(letters.charAt((int) (Math.random() * letters.length())));
        }
        return t.toString();
    }
}
