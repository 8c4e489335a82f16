package org.platewatch.server.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.platewatch.server.hotlist.HotlistFixtures;
import org.platewatch.server.ingest.DeviceKind;
import org.platewatch.server.ingest.DeviceRegistration;
import org.platewatch.server.ingest.DeviceRegistry;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.policy.DepartmentProfile;
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
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Hits and entries of CA DOJ and NCIC lists are CLETS-derived: a member without CLETS authorisation sees that
 * a hit exists and whom to ask, never its plate, entry, checks or image, in the list, the single alert, the live
 * stream and the entry look-up; may not confirm a hit; and sees a department BOLO hit in full.
 */
@PlatewatchServerTest
@TestPropertySource(properties = "platewatch.alert.rematch-interval=1h")
class CletsRestrictedHitsApiTest {

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
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    Api api;
    String camera;
    String cameraName;
    AdminSession admin;
    String cletsOfficer;
    String officer;
    String suffix;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        suffix = UUID.randomUUID().toString().substring(0, 6);
        cameraName = "cam-" + suffix;
        camera = devices.register(
                        new DeviceRegistration(cameraName, DeviceKind.FIXED, 37.80, -122.27, 90.0), Actor.SYSTEM)
                .token();
        admin = AdminSession.signIn(port, accounts, tokens, clock);
        cletsOfficer = HotlistFixtures.member(accounts, tokens, Role.OFFICER, true, TestDates.trainedRecently());
        officer = HotlistFixtures.member(accounts, tokens, Role.OFFICER, false, TestDates.trainedRecently());
    }

    private long svs(String plate) {
        long id = HotlistFixtures.designate(api, admin, "svs-" + suffix, "CA_DOJ_SVS", "CA_DOJ", null);
        Api.Response r = HotlistFixtures.upload(
                api,
                port,
                "/api/v1/hotlists/" + id + "/imports",
                admin,
                "svs.tbl",
                HotlistFixtures.dojFile(clock, profile.zone(), List.<String[]>of(new String[] {plate, "CA"})));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return id;
    }

    private UUID postRead(String plate) {
        UUID id = UUID.randomUUID();
        String json = "{\"reads\":[{\"readId\":\"" + id + "\",\"plate\":\"" + plate + "\",\"state\":\"CA\","
                + "\"confidence\":0.93,\"capturedAt\":\"" + clock.instant().minusSeconds(2) + "\","
                + "\"vehicle\":{\"make\":\"Toyota\",\"model\":\"Camry\",\"color\":\"Silver\"}}]}";
        Api.Response r = api.postJson("/api/v1/reads", camera, json);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return id;
    }

    private long alertOf(UUID readId) {
        return jdbc.sql("SELECT id FROM alerts WHERE read_id = ?")
                .param(readId)
                .query(Long.class)
                .single();
    }

    private JsonNode listed(String token, long id) {
        Api.Response r = api.get("/api/v1/alerts?page=0", token);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        for (JsonNode a : r.json()) {
            if (a.get("id").asLong() == id) {
                return a;
            }
        }
        throw new AssertionError("alert " + id + " not listed");
    }

    /** The hit exists, with its time, camera and list, and says whom to ask; nothing of plate or entry. */
    private static void assertWithheld(JsonNode alert, String cameraName, String plate) {
        assertThat(alert.toString())
                .doesNotContain(plate)
                .doesNotContain("Toyota")
                .doesNotContain("Stolen vehicle")
                .doesNotContain("/image");
        assertThat(alert.get("cletsDerived").asBoolean()).isTrue();
        assertThat(alert.get("raisedAt").asString()).isNotBlank();
        assertThat(alert.get("read").get("deviceName").asString()).isEqualTo(cameraName);
        assertThat(alert.get("read").get("plate").isNull()).isTrue();
        assertThat(alert.get("read").get("readId").isNull()).isTrue();
        assertThat(alert.get("read").get("imageUrl").isNull()).isTrue();
        assertThat(alert.get("entry").get("listName").asString()).endsWith("list");
        assertThat(alert.get("entry").get("plate").isNull()).isTrue();
        assertThat(alert.get("entry").get("reason").isNull()).isTrue();
        assertThat(alert.get("entry").get("caseNumber").isNull()).isTrue();
        assertThat(alert.get("entry").get("enteringAgency").isNull()).isTrue();
        assertThat(alert.get("checks").isNull()).isTrue();
        assertThat(alert.get("withheld").get("reason").asString()).contains("CLETS");
        assertThat(alert.get("withheld").get("askFor").asString())
                .contains("CLETS-authorised member")
                .contains("supervisor")
                .contains("ALPR administrator");
    }

    private static void assertInFull(JsonNode alert, String plate) {
        assertThat(alert.get("withheld").isNull()).isTrue();
        assertThat(alert.get("read").get("plate").asString()).isEqualTo(plate);
        assertThat(alert.get("entry").get("plate").asString()).isEqualTo(plate);
        assertThat(alert.get("read").get("imageUrl").isNull()).isTrue(); // a JSON read has no image
        assertThat(alert.get("checks").get("stateMatches").asBoolean()).isTrue();
    }

    private static void assertProblem(Api.Response r, int status, String slug) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.isProblem()).isTrue();
        assertThat(r.json().get("type").asString()).isEqualTo("urn:platewatch:problem:" + slug);
    }

    @Test
    void aMemberWithoutCletsSeesThatAnSvsHitExistsAndWhomToAskButNotItsDetails() throws Exception {
        svs("5CLT123");
        long id;
        try (SseReader plain = new SseReader(port, officer);
                SseReader cleared = new SseReader(port, cletsOfficer)) {
            id = alertOf(postRead("5CLT123"));
            JsonNode pushed = plain.next("alert", Duration.ofSeconds(10));
            assertThat(pushed.get("id").asLong()).isEqualTo(id);
            assertWithheld(pushed, cameraName, "5CLT123");
            JsonNode full = cleared.next("alert", Duration.ofSeconds(10));
            assertInFull(full, "5CLT123");
            assertThat(full.get("entry").get("reason").asString()).contains("Stolen vehicle");
            assertThat(full.get("cletsDerived").asBoolean()).isTrue();

            // A step by a CLETS-authorised member reaches the other console withheld too.
            assertThat(api.postJson(
                                    "/api/v1/alerts/" + id + "/transitions",
                                    cletsOfficer,
                                    "{\"to\":\"TENTATIVE\",\"charactersVerified\":true,\"stateVerified\":true,"
                                            + "\"vehicleVerified\":true}")
                            .status())
                    .isEqualTo(200);
            JsonNode updated = plain.next("alert-updated", Duration.ofSeconds(10));
            assertWithheld(updated, cameraName, "5CLT123");
            assertThat(updated.get("transitions").get(0).get("to").asString()).isEqualTo("TENTATIVE");
            assertThat(cleared.next("alert-updated", Duration.ofSeconds(10))
                            .get("read")
                            .get("plate")
                            .asString())
                    .isEqualTo("5CLT123");
        }

        Api.Response one = api.get("/api/v1/alerts/" + id, officer);
        assertThat(one.status()).as(one.body()).isEqualTo(200);
        assertWithheld(one.json(), cameraName, "5CLT123");
        assertWithheld(listed(officer, id), cameraName, "5CLT123");
        assertInFull(api.get("/api/v1/alerts/" + id, cletsOfficer).json(), "5CLT123");
        assertInFull(listed(cletsOfficer, id), "5CLT123");
        // Nor the read's image, even by a read id learnt elsewhere.
        UUID readId = jdbc.sql("SELECT read_id FROM alerts WHERE id = ?")
                .param(id)
                .query(UUID.class)
                .single();
        assertProblem(api.get("/api/v1/reads/" + readId + "/image", officer), 403, "clets-not-authorised");

        // Nor may the member move it on: they cannot see what they would verify. The refusal is audited.
        assertProblem(
                api.postJson("/api/v1/alerts/" + id + "/transitions", officer, "{\"to\":\"MISREAD\"}"),
                403,
                "clets-not-authorised");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_events WHERE action = 'alert.transition-refused' "
                                + "AND subject = ? AND terms LIKE '%clets-not-authorised%'")
                        .param("alert:" + id)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aMemberWithoutCletsCannotLookUpAnSvsListsEntriesButACletsMemberCan() {
        long list = svs("5ENT123");
        Api.Response refused = api.get("/api/v1/hotlists/" + list + "/entries?plate=5ENT123", officer);
        assertProblem(refused, 403, "clets-not-authorised");
        assertThat(refused.body()).doesNotContain("5ENT123").contains("CLETS-authorised member");
        assertProblem(api.get("/api/v1/hotlists/" + list + "/entries", officer), 403, "clets-not-authorised");
        String username = tokens.holderOf(officer).orElseThrow().username();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_events WHERE action = 'hotlist.entries-refused' "
                                + "AND username = ? AND subject = ?")
                        .param(username)
                        .param("hotlist:" + list)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);

        Api.Response found = api.get("/api/v1/hotlists/" + list + "/entries?plate=5ENT123", cletsOfficer);
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        assertThat(found.json().size()).isEqualTo(1);
        assertThat(found.json().get(0).get("plate").asString()).isEqualTo("5ENT123");
    }

    @Test
    void confirmingAHitNeedsCletsEvenOnTheDepartmentsOwnList() {
        // The department's BOLO is not CLETS-derived: the member without CLETS sees its hit in full.
        String entry = "{\"plate\":\"6BOL123\",\"state\":\"CA\",\"reason\":\"Robbery suspect vehicle\","
                + "\"caseNumber\":\"26-0202\",\"synopsis\":\"Armed robbery\",\"expiresAt\":\""
                + clock.instant().plus(Duration.ofDays(2)) + "\"}";
        Api.Response created = api.postJson("/api/v1/hotlists/custom/entries", cletsOfficer, entry);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long entryId = created.json().get("id").asLong();
        assertThat(api.postJson(
                                "/api/v1/hotlists/custom/entries/" + entryId + "/approval",
                                admin.token(),
                                "{\"approve\":true}")
                        .status())
                .isEqualTo(200);
        long id = alertOf(postRead("6BOL123"));
        JsonNode bolo = api.get("/api/v1/alerts/" + id, officer).json();
        assertInFull(bolo, "6BOL123");
        assertThat(bolo.get("cletsDerived").asBoolean()).isFalse();
        assertThat(bolo.get("entry").get("caseNumber").asString()).isEqualTo("26-0202");
        assertThat(bolo.get("entry").get("reason").asString()).isEqualTo("Robbery suspect vehicle");
        assertThat(listed(officer, id).get("entry").get("plate").asString()).isEqualTo("6BOL123");

        assertThat(api.postJson(
                                "/api/v1/alerts/" + id + "/transitions",
                                officer,
                                "{\"to\":\"TENTATIVE\","
                                        + "\"charactersVerified\":true,\"stateVerified\":true,\"vehicleVerified\":true}")
                        .status())
                .isEqualTo(200);
        assertThat(api.postJson(
                                "/api/v1/alerts/" + id + "/transitions",
                                cletsOfficer,
                                "{\"to\":\"QUERIED\",\"result\":\"NO RECORD\"}")
                        .status())
                .isEqualTo(200);
        // CONFIRMED is the NCIC hit confirmation with the entering agency: refused without CLETS, and audited.
        Api.Response refused = api.postJson(
                "/api/v1/alerts/" + id + "/transitions",
                officer,
                "{\"to\":\"CONFIRMED\",\"confirmedWith\":\"Robbery unit\",\"method\":\"phone\"}");
        assertProblem(refused, 403, "clets-not-authorised");
        assertThat(refused.json().get("detail").asString()).contains("CLETS-authorised member");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_events WHERE action = 'alert.transition-refused' "
                                + "AND subject = ? AND terms = 'to=CONFIRMED, reason=clets-not-authorised'")
                        .param("alert:" + id)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT state FROM alerts WHERE id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo("QUERIED");

        Api.Response confirmed = api.postJson(
                "/api/v1/alerts/" + id + "/transitions",
                cletsOfficer,
                "{\"to\":\"CONFIRMED\",\"confirmedWith\":\"Robbery unit\",\"method\":\"phone\"}");
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        assertThat(confirmed.json().get("state").asString()).isEqualTo("CONFIRMED");
        assertThat(Instant.parse(confirmed.json().get("raisedAt").asString()))
                .isBefore(clock.instant().plusSeconds(1));
    }
}
