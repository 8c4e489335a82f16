package org.platewatch.server.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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

/**
 * Hot lists in hub mode, through the real server on the real PostgreSQL, with the home agency (A) and a second one
 * (B): the hub-wide lists alert on both agencies' reads, each alert its read's agency's; B's own custom entry alerts
 * on B's reads alone and is not A's to see or decide on; and the re-match raises a missed alert for the read's own
 * agency.
 */
@PlatewatchServerTest
@TestPropertySource(properties = {"platewatch.hub.enabled=true", "platewatch.alert.rematch-interval=1h"})
class HubHotlistAlertApiTest {

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
    AlertRematch rematch;

    @Autowired
    Clock clock;

    @Value("${platewatch.test.database-url}")
    String databaseUrl;

    Api api;
    String suffix;
    AgencyId b;
    String adminA;
    String officerA;
    String adminB;
    String officerB;
    String cameraA;
    String cameraB;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        suffix = UUID.randomUUID().toString().substring(0, 6);
        adminA = member(Role.ADMINISTRATOR, false);
        officerA = member(Role.OFFICER, true);
        Api.Response registered =
                api.postJson("/api/v1/hub/agencies", adminA, "{\"code\":\"hot-" + suffix + "\",\"name\":\"Agency B\"}");
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        b = new AgencyId(registered.json().get("id").asInt());
        adminB = AgencyScope.actingFor(b, () -> member(Role.ADMINISTRATOR, false));
        officerB = AgencyScope.actingFor(b, () -> member(Role.OFFICER, true));
        cameraA = camera("a");
        cameraB = AgencyScope.actingFor(b, () -> camera("b"));
    }

    @Test
    void bsOwnEntryAlertsOnBsReadsAloneAndIsNotAsToSeeOrDecide() {
        String plate = plate();
        long entry = enter(officerB, plate);
        // A's administrator cannot approve B's entry: it does not exist for A.
        Api.Response byA =
                api.postJson("/api/v1/hotlists/custom/entries/" + entry + "/approval", adminA, "{\"approve\":true}");
        assertThat(byA.status()).as(byA.body()).isEqualTo(404);
        approve(adminB, entry);

        UUID readA = upload(cameraA, plate);
        UUID readB = upload(cameraB, plate);

        assertThat(alertedReads(officerB)).contains(readB.toString()).doesNotContain(readA.toString());
        assertThat(alertedReads(officerA)).doesNotContain(readA.toString(), readB.toString());
        long customList = customListId(officerB);
        assertThat(entryIds(officerB, customList)).contains(entry);
        assertThat(entryIds(officerA, customList)).doesNotContain(entry);
    }

    @Test
    void aHubWideEntryAlertsForBothAgenciesEachAlertItsOwn() {
        String plate = plate();
        listed(plate);
        UUID readA = upload(cameraA, plate);
        UUID readB = upload(cameraB, plate);

        assertThat(alertedReads(officerA)).contains(readA.toString()).doesNotContain(readB.toString());
        assertThat(alertedReads(officerB)).contains(readB.toString()).doesNotContain(readA.toString());
    }

    @Test
    void theRematchRaisesAMissedAlertForTheReadsOwnAgency() throws SQLException {
        String plate = plate();
        approve(adminB, enter(officerB, plate));
        UUID readB = upload(cameraB, plate);
        assertThat(alertedReads(officerB)).contains(readB.toString());
        // The alert lost, as a crash between the read's commit and the alert's would lose it:
        try (Connection owner = TestDatabase.get().superConnection(databaseUrl);
                PreparedStatement ps = owner.prepareStatement("DELETE FROM alerts WHERE read_id = ?")) {
            ps.setObject(1, readB);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        assertThat(alertedReads(officerB)).doesNotContain(readB.toString());

        assertThat(rematch.rematch()).isGreaterThanOrEqualTo(1);

        assertThat(alertedReads(officerB)).contains(readB.toString());
        assertThat(alertedReads(officerA)).doesNotContain(readB.toString());
        assertThat(agencyOfAlertOn(readB)).isEqualTo(b.value());
    }

    private int agencyOfAlertOn(UUID read) throws SQLException {
        try (Connection owner = TestDatabase.get().superConnection(databaseUrl);
                PreparedStatement ps = owner.prepareStatement("SELECT agency_id FROM alerts WHERE read_id = ?")) {
            ps.setObject(1, read);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getInt(1);
            }
        }
    }

    private long enter(String token, String plate) {
        Api.Response r = api.postJson(
                "/api/v1/hotlists/custom/entries",
                token,
                "{\"plate\":\"" + plate + "\",\"state\":\"CA\",\"reason\":\"Robbery suspect vehicle\","
                        + "\"caseNumber\":\"26-0101\",\"synopsis\":\"Armed robbery\",\"expiresAt\":\""
                        + clock.instant().plus(Duration.ofDays(2)) + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    private void approve(String admin, long entry) {
        Api.Response r =
                api.postJson("/api/v1/hotlists/custom/entries/" + entry + "/approval", admin, "{\"approve\":true}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private long customListId(String token) {
        Api.Response r = api.get("/api/v1/hotlists", token);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        for (var list : r.json()) {
            if ("custom".equals(list.get("code").asString())) {
                return list.get("id").asLong();
            }
        }
        throw new AssertionError("no custom list: " + r.body());
    }

    private List<Long> entryIds(String token, long listId) {
        Api.Response r = api.get("/api/v1/hotlists/" + listId + "/entries", token);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        r.json().forEach(e -> ids.add(e.get("id").asLong()));
        return ids;
    }

    private List<String> alertedReads(String token) {
        Api.Response r = api.get("/api/v1/alerts", token);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> reads = new ArrayList<>();
        r.json().forEach(a -> reads.add(a.get("read").get("readId").asString()));
        return reads;
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

    private String member(Role role, boolean clets) {
        return HotlistFixtures.member(accounts, tokens, role, clets, TestDates.trainedRecently());
    }

    private String camera(String name) {
        return devices.register(
                        new DeviceRegistration("cam-" + name + "-" + suffix, DeviceKind.FIXED, 37.80, -122.27, 90.0),
                        Actor.SYSTEM)
                .token();
    }

    private static String plate() {
        String letters = "ACEFHJKMNPRTUVWXY";
        StringBuilder t = new StringBuilder("6");
        for (int i = 0; i < 3; i++) {
            t.append(letters.charAt((int) (Math.random() * letters.length())));
        }
        return t.append("17").toString();
    }
}
