package org.platewatch.server.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.platewatch.server.hotlist.HotlistFixtures;
import org.platewatch.server.ingest.DeviceKind;
import org.platewatch.server.ingest.DeviceRegistration;
import org.platewatch.server.ingest.DeviceRegistry;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.platform.AgencyId;
import org.platewatch.server.platform.AgencyScope;
import org.platewatch.server.policy.DepartmentProfile;
import org.platewatch.server.policy.PurgeCalendar;
import org.platewatch.server.policy.ShippedProfiles;
import org.platewatch.server.support.AdminSession;
import org.platewatch.server.support.Api;
import org.platewatch.server.support.MutableClock;
import org.platewatch.server.support.PlatewatchServerTest;
import org.platewatch.server.support.TestDates;
import org.platewatch.server.users.PersonalTokens;
import org.platewatch.server.users.Role;
import org.platewatch.server.users.UserAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Each agency's own retention in a hub (V71), through the real server on the real PostgreSQL: the home agency under
 * the profile in force (San Leandro, 365 days) and agency B registered with Richmond's (90 days). B's reads of a day
 * go on B's date while the home agency's of the same day stay, with B's held read moved out; the day's partition goes
 * only on the home agency's date. Holds are each agency's own: A cannot hold B's reads or see B's holds.
 */
@PlatewatchServerTest
@TestPropertySource(properties = {"platewatch.hub.enabled=true", "platewatch.policy.profile=san-leandro"})
class HubAgencyRetentionApiTest {

    private static final String IMAGE_OF_B = "b".repeat(64);
    private static final String IMAGE_SHARED = "c".repeat(64);

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
    PurgeSchedule schedule;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @Autowired
    @Qualifier("schemaOwnerDataSource")
    DataSource owner;

    @AfterEach
    void restore() {
        ((MutableClock) clock).reset();
    }

    @Test
    void eachAgencysReadsGoOnItsOwnDateAndTheDayGoesWithTheLongest() {
        Api api = new Api(port);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String adminA = member(Role.ADMINISTRATOR);
        String bCode = "ret-" + suffix;

        Api.Response unknown = api.postJson(
                "/api/v1/hub/agencies",
                adminA,
                "{\"code\":\"x-" + suffix + "\",\"name\":\"X\",\"profile\":\"gotham\"}");
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(400);
        assertThat(unknown.body()).contains("profile");
        Api.Response registered = api.postJson(
                "/api/v1/hub/agencies",
                adminA,
                "{\"code\":\"" + bCode + "\",\"name\":\"Agency B\",\"profile\":\"richmond\"}");
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        assertThat(registered.json().get("profile").asString()).isEqualTo("richmond");
        assertThat(registered.json().get("detectionRetention").asString()).isEqualTo("purged at P90D");
        JsonNode listed = api.get("/api/v1/hub/agencies", adminA).json();
        assertThat(listed.get(0).get("profile").isNull()).isTrue();
        assertThat(listed.get(0).get("detectionRetention").asString()).isEqualTo("purged at P365D");
        AgencyId b = new AgencyId(registered.json().get("id").asInt());

        // A day whose reads are due for both agencies by the database's clock; the server's is moved back to each date.
        LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(400);
        RetentionFixtures fixtures = new RetentionFixtures(jdbc, (MutableClock) clock, owner);
        UUID cameraA = AgencyScope.actingFor(AgencyId.HOME, this::camera);
        UUID cameraB = AgencyScope.actingFor(b, this::camera);
        List<UUID> ofA =
                AgencyScope.actingFor(AgencyId.HOME, () -> fixtures.insertReads(cameraA, day, 2, IMAGE_SHARED));
        List<UUID> ofB =
                AgencyScope.actingFor(b, () -> fixtures.insertReads(cameraB, day, 3, IMAGE_OF_B, IMAGE_SHARED));

        String investigatorA = member(Role.INVESTIGATOR);
        String supervisorA = member(Role.SUPERVISOR);
        String investigatorB = AgencyScope.actingFor(b, () -> member(Role.INVESTIGATOR));
        String supervisorB = AgencyScope.actingFor(b, () -> member(Role.SUPERVISOR));
        Api.Response foreign = api.postJson(
                "/api/v1/holds", investigatorA, HoldFixtures.body("24-000901", "evidence", ofB.subList(2, 3)));
        assertThat(foreign.status()).as(foreign.body()).isEqualTo(400);
        assertThat(foreign.body()).contains("readIds");
        long holdA = placed(api, investigatorA, ofA.subList(0, 1));
        long holdB = placed(api, investigatorB, ofB.subList(2, 3));
        assertThat(holdIds(api, supervisorA)).contains(holdA).doesNotContain(holdB);
        assertThat(holdIds(api, supervisorB)).contains(holdB).doesNotContain(holdA);
        assertThat(api.get("/api/v1/holds/" + holdB, supervisorA).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/holds/" + holdB, supervisorB).status()).isEqualTo(200);

        PurgeCalendar ofHome = PurgeCalendar.forDetections(profile).orElseThrow();
        PurgeCalendar ofRichmond = PurgeCalendar.forDetections(
                        ShippedProfiles.byName("richmond").orElseThrow())
                .orElseThrow();
        fixtures.setLocal(profile, ofRichmond.partitionDueOn(day), LocalTime.of(0, 15));
        DeletionCertificate c = certificateOf(schedule.run().orElseThrow(), day);

        assertThat(c.agency()).isEqualTo(bCode);
        assertThat(c.detections()).isEqualTo(2);
        assertThat(c.held()).isEqualTo(1);
        assertThat(c.heldIds()).containsExactly(ofB.get(2));
        assertThat(c.idsSha256()).isEqualTo(RetentionFixtures.idsSha256(ofB.subList(0, 2)));
        assertThat(c.images()).isEqualTo(1);
        assertThat(c.retention()).isEqualTo("purged at P90D");
        assertThat(fixtures.partitionExists(day)).isTrue();
        assertThat(storedOf(day)).containsExactlyInAnyOrderElementsOf(ofA);
        assertThat(heldAgency(ofB.get(2))).isEqualTo(b.value());
        assertThat(imageKnown(IMAGE_OF_B)).isFalse();
        assertThat(imageKnown(IMAGE_SHARED)).isTrue();
        // plate_days lost exactly B's reads: what the search counts of the day is the home agency's two.
        assertThat(fixtures.plateDayReadsSearchSees(day)).isEqualTo(2);
        JsonNode status = api.get("/api/v1/retention/status", adminA).json();
        JsonNode home = status.get("agencies").get(0);
        assertThat(home.get("agency").asString()).isEqualTo("home");
        assertThat(home.get("oldestDay").asString()).isEqualTo(day.toString());
        assertThat(home.get("goesOn").asString())
                .isEqualTo(ofHome.partitionDueOn(day).toString());
        JsonNode ofBStatus = status.get("agencies").get(status.get("agencies").size() - 1);
        assertThat(ofBStatus.get("agency").asString()).isEqualTo(bCode);
        assertThat(ofBStatus.get("oldestDay").isNull()
                        || !ofBStatus.get("oldestDay").asString().equals(day.toString()))
                .isTrue();

        // Done once: the next run finds B's reads of the day purged already.
        assertThat(schedule.run().orElseThrow().certificates().stream()
                        .filter(x -> x.partition().equals(PurgeStore.partitionOf(day))))
                .isEmpty();

        fixtures.setLocal(profile, ofHome.partitionDueOn(day), LocalTime.of(0, 15));
        DeletionCertificate dropped = certificateOf(schedule.run().orElseThrow(), day);

        assertThat(dropped.agency()).isNull();
        assertThat(dropped.detections()).isEqualTo(1);
        assertThat(dropped.heldIds()).containsExactly(ofA.get(0));
        assertThat(dropped.retention()).isEqualTo("purged at P365D (home, the longest)");
        assertThat(fixtures.partitionExists(day)).isFalse();
        assertThat(heldAgency(ofB.get(2))).isEqualTo(b.value());
        assertThat(heldAgency(ofA.get(0))).isEqualTo(AgencyId.HOME.value());
        assertThat(JdbcClient.create(owner)
                        .sql("SELECT count(*) FROM hub_agency_purged_days WHERE day = ?")
                        .param(day)
                        .query(Long.class)
                        .single())
                .isZero();
        // The console page says the same: each agency's retention, and whose reads a certificate is about (the clock
        // back to now, where the auditor's training is recent).
        ((MutableClock) clock).reset();
        var page = AdminSession.signIn(port, accounts, tokens, clock, Role.AUDITOR)
                .session()
                .get("/retention");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("agency-retention", "purged at P90D", "(reads of agency " + bCode + ")");
    }

    private long placed(Api api, String token, List<UUID> reads) {
        Api.Response r =
                api.postJson("/api/v1/holds", token, HoldFixtures.body("24-000902", "evidence in a case", reads));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    private static List<Long> holdIds(Api api, String token) {
        Api.Response r = api.get("/api/v1/holds", token);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        r.json().forEach(h -> ids.add(h.get("id").asLong()));
        return ids;
    }

    private List<UUID> storedOf(LocalDate day) {
        return JdbcClient.create(owner)
                .sql("SELECT read_id FROM detections WHERE captured_at >= ? AND captured_at < ?")
                .params(
                        day.atStartOfDay(ZoneOffset.UTC).toOffsetDateTime(),
                        day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toOffsetDateTime())
                .query(UUID.class)
                .list();
    }

    private int heldAgency(UUID read) {
        return JdbcClient.create(owner)
                .sql("SELECT agency_id FROM held_detections WHERE read_id = ?")
                .param(read)
                .query(Integer.class)
                .single();
    }

    private boolean imageKnown(String sha) {
        return JdbcClient.create(owner)
                .sql("SELECT EXISTS (SELECT 1 FROM detection_images WHERE sha256 = ?)")
                .param(sha)
                .query(Boolean.class)
                .single();
    }

    private static DeletionCertificate certificateOf(DetectionPurge.PurgeRun run, LocalDate day) {
        return run.certificates().stream()
                .filter(c -> c.partition().equals(PurgeStore.partitionOf(day)))
                .findFirst()
                .orElseThrow();
    }

    private String member(Role role) {
        return HotlistFixtures.member(accounts, tokens, role, false, TestDates.trainedRecently());
    }

    private UUID camera() {
        return devices.register(
                        new DeviceRegistration(
                                "cam-" + UUID.randomUUID().toString().substring(0, 8),
                                DeviceKind.FIXED,
                                37.80,
                                -122.27,
                                90.0),
                        Actor.SYSTEM)
                .device()
                .id();
    }
}
