package org.platewatch.server.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.platewatch.server.audit.AuditLog;
import org.platewatch.server.hotlist.HotlistFixtures;
import org.platewatch.server.ingest.DeviceKind;
import org.platewatch.server.ingest.DeviceRegistration;
import org.platewatch.server.ingest.DeviceRegistry;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.policy.DepartmentProfile;
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
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

@PlatewatchServerTest
// The re-match runs only when a test calls it.
@TestPropertySource(
        properties = {"platewatch.hotlist.misread-flag-threshold=2", "platewatch.alert.rematch-interval=1h"})
class AlertFlowApiTest {

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

    @Autowired
    AlertRetention retention;

    @Autowired
    AlertStore alertStore;

    @Autowired
    AuditLog audit;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    AlertRematch rematch;

    Api api;
    String camera;
    String cameraName;
    String admin;
    String officer;
    String officerWithoutClets;
    String supervisor;
    String suffix;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        suffix = UUID.randomUUID().toString().substring(0, 6);
        cameraName = "cam-" + suffix;
        camera = devices.register(
                        new DeviceRegistration(cameraName, DeviceKind.FIXED, 37.80, -122.27, 90.0), Actor.SYSTEM)
                .token();
        admin = HotlistFixtures.member(accounts, tokens, Role.ADMINISTRATOR, false, TestDates.trainedRecently());
        officer = HotlistFixtures.member(accounts, tokens, Role.OFFICER, true, TestDates.trainedRecently());
        officerWithoutClets =
                HotlistFixtures.member(accounts, tokens, Role.OFFICER, false, TestDates.trainedRecently());
        supervisor = HotlistFixtures.member(accounts, tokens, Role.SUPERVISOR, true, TestDates.trainedRecently());
    }

    @AfterEach
    void resetClock() {
        ((MutableClock) clock).reset();
    }

    /** Designates a CA DOJ list for this test and imports the plate/state pairs into it. */
    private void svs(String... plateStatePairs) {
        long id = HotlistFixtures.designate(api, lists(), "svs-" + suffix, "CA_DOJ_SVS", "CA_DOJ", null);
        List<String[]> plates = new ArrayList<>();
        for (int i = 0; i < plateStatePairs.length; i += 2) {
            plates.add(new String[] {plateStatePairs[i], plateStatePairs[i + 1]});
        }
        Api.Response r = HotlistFixtures.upload(
                api,
                port,
                "/api/v1/hotlists/" + id + "/imports",
                lists(),
                "svs.tbl",
                HotlistFixtures.dojFile(clock, profile.zone(), plates));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private UUID postRead(String plate, String state) {
        return postRead(
                plate, state, "{\"make\":\"Toyota\",\"model\":\"Camry\",\"color\":\"Silver\",\"type\":\"sedan\"}");
    }

    /** Posts one read with this vehicle description (a JSON object, or "null"). */
    private UUID postRead(String plate, String state, String vehicleJson) {
        UUID id = UUID.randomUUID();
        String json = "{\"reads\":[{\"readId\":\"" + id + "\",\"plate\":\"" + plate + "\",\"state\":"
                + (state == null ? "null" : "\"" + state + "\"") + ",\"confidence\":0.93,\"capturedAt\":\""
                + clock.instant().minusSeconds(2) + "\",\"vehicle\":" + vehicleJson + "}]}";
        Api.Response r = api.postJson("/api/v1/reads", camera, json);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return id;
    }

    private List<JsonNode> alertsOf(UUID readId) {
        List<Long> ids = jdbc.sql("SELECT id FROM alerts WHERE read_id = ? ORDER BY id")
                .param(readId)
                .query(Long.class)
                .list();
        return ids.stream()
                .map(id -> api.get("/api/v1/alerts/" + id, officer).json())
                .toList();
    }

    private JsonNode onlyAlertOf(UUID readId) {
        List<JsonNode> alerts = alertsOf(readId);
        assertThat(alerts).hasSize(1);
        return alerts.get(0);
    }

    private Api.Response transition(long id, String token, String json) {
        return api.postJson("/api/v1/alerts/" + id + "/transitions", token, json);
    }

    private Api.Response putJson(String path, String token, String json) {
        return api.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(json)),
                token);
    }

    private static void assertProblem(Api.Response r, int status, String slug) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.isProblem()).isTrue();
        assertThat(r.json().get("type").asString()).isEqualTo("urn:platewatch:problem:" + slug);
    }

    @Test
    void anExactMatchReachesTheOpenStreamAndIsListedOnce() throws Exception {
        svs("5EXA123", "CA");
        try (SseReader stream = new SseReader(port, officer)) {
            UUID readId = postRead("5EXA123", "CA");
            JsonNode pushed = stream.next("alert", Duration.ofSeconds(10));
            assertThat(pushed.get("matchKind").asString()).isEqualTo("EXACT");
            assertThat(pushed.get("state").asString()).isEqualTo("ALERT");
            assertThat(pushed.get("plainHit").asBoolean()).isTrue();
            assertThat(pushed.get("read").get("readId").asString()).isEqualTo(readId.toString());
            assertThat(pushed.get("read").get("plate").asString()).isEqualTo("5EXA123");
            assertThat(pushed.get("read").get("state").asString()).isEqualTo("CA");
            assertThat(pushed.get("read").get("deviceName").asString()).isEqualTo(cameraName);
            assertThat(pushed.get("read").get("confidence").asDouble()).isEqualTo(0.93);
            assertThat(pushed.get("read").get("vehicle").get("make").asString()).isEqualTo("Toyota");
            assertThat(pushed.get("read").has("imageUrl")).isTrue();
            assertThat(pushed.get("entry").get("list").asString()).isEqualTo("svs-" + suffix);
            assertThat(pushed.get("entry").get("plate").asString()).isEqualTo("5EXA123");
            assertThat(pushed.get("entry").get("reason").asString()).contains("Stolen vehicle");
            assertThat(pushed.get("checks").get("stateMatches").asBoolean()).isTrue();
            assertThat(pushed.get("checks").get("makeMatches").isNull()).isTrue();
            assertThat(pushed.get("transitions").isArray()).isTrue();
            assertThat(pushed.get("transitions").size()).isZero();

            long id = pushed.get("id").asLong();
            assertThat(api.get("/api/v1/alerts/" + id, officer)
                            .json()
                            .get("matchKind")
                            .asString())
                    .isEqualTo("EXACT");
            Api.Response listed = api.get("/api/v1/alerts?state=ALERT&page=0", officer);
            assertThat(listed.json().findValues("id").stream().map(JsonNode::asLong))
                    .contains(id);

            // The same read again is a duplicate upload and raises nothing new.
            String again = "{\"reads\":[{\"readId\":\"" + readId + "\",\"plate\":\"5EXA123\",\"state\":\"CA\","
                    + "\"confidence\":0.93,\"capturedAt\":\"" + Instant.now().minusSeconds(2) + "\"}]}";
            assertThat(api.postJson("/api/v1/reads", camera, again)
                            .json()
                            .get("duplicates")
                            .asInt())
                    .isEqualTo(1);
            assertThat(alertsOf(readId)).hasSize(1);
        }
        assertThat(api.get("/api/v1/alerts", "pwu_nonsense").status()).isEqualTo(401);
        String auditor = HotlistFixtures.member(accounts, tokens, Role.AUDITOR, false, TestDates.trainedRecently());
        assertThat(api.get("/api/v1/alerts", auditor).status()).isEqualTo(403);
    }

    private long audited(String action, String token, String subject) {
        String username = tokens.holderOf(token).orElseThrow().username();
        return jdbc.sql("SELECT count(*) FROM audit_events WHERE action = ? AND username = ?"
                        + (subject == null ? "" : " AND subject = '" + subject + "'"))
                .param(action)
                .param(username)
                .query(Long.class)
                .single();
    }

    @Test
    void viewingListingAndStreamingAlertsIsAudited() throws Exception {
        svs("5AUD123", "CA");
        UUID readId = postRead("5AUD123", "CA");
        long id = jdbc.sql("SELECT id FROM alerts WHERE read_id = ?")
                .param(readId)
                .query(Long.class)
                .single();
        assertThat(audited("alert.viewed", supervisor, "alert:" + id)).isZero();
        assertThat(api.get("/api/v1/alerts/" + id, supervisor).status()).isEqualTo(200);
        assertThat(audited("alert.viewed", supervisor, "alert:" + id)).isEqualTo(1);

        Api.Response listed = api.get("/api/v1/alerts?state=ALERT&page=0", supervisor);
        assertThat(listed.status()).isEqualTo(200);
        String username = tokens.holderOf(supervisor).orElseThrow().username();
        var row = jdbc.sql(
                        "SELECT terms, result_count FROM audit_events WHERE action = 'alert.listed' AND username = ?")
                .param(username)
                .query()
                .singleRow();
        assertThat(row.get("terms")).isEqualTo("state=ALERT, page=0");
        assertThat(((Number) row.get("result_count")).intValue())
                .isEqualTo(listed.json().size());

        try (SseReader ignored = new SseReader(port, supervisor)) {
            assertThat(audited("alert.stream-opened", supervisor, null)).isEqualTo(1);
        }
    }

    @Test
    void aStreamStopsWhenItsMemberLosesAccessAndStreamsPerMemberAreCapped() throws Exception {
        svs("5LOS123", "CA", "5CAP123", "CA");
        String leaver = HotlistFixtures.member(accounts, tokens, Role.OFFICER, true, TestDates.trainedRecently());
        String leaverName = tokens.holderOf(leaver).orElseThrow().username();
        try (SseReader stays = new SseReader(port, officer);
                SseReader leaves = new SseReader(port, leaver)) {
            accounts.disable(leaverName, Actor.SYSTEM);
            postRead("5LOS123", "CA");
            assertThat(stays.next("alert", Duration.ofSeconds(10))
                            .get("matchKind")
                            .asString())
                    .isEqualTo("EXACT");
            // The server ends the disabled member's HTTP stream, without the alert in it.
            assertThat(leaves.endsWithin(Duration.ofSeconds(10)))
                    .as("the leaver's stream ends")
                    .isTrue();
            assertThat(leaves.drain()).noneMatch(line -> line.startsWith("event:alert"));
            assertThat(stays.endsWithin(Duration.ofMillis(200)))
                    .as("the other stream stays open")
                    .isFalse();
        }

        // CLETS-authorised: the hit is on a CA DOJ list, whose plates only such members see
        // (CletsRestrictedHitsApiTest)
        String busy = HotlistFixtures.member(accounts, tokens, Role.OFFICER, true, TestDates.trainedRecently());
        List<SseReader> readers = new ArrayList<>();
        try {
            for (int i = 0; i < 7; i++) {
                readers.add(new SseReader(port, busy));
            }
            // Five streams per member: the two oldest were ended by the server when the sixth and seventh opened.
            assertThat(readers.get(0).endsWithin(Duration.ofSeconds(10)))
                    .as("oldest stream ends")
                    .isTrue();
            assertThat(readers.get(1).endsWithin(Duration.ofSeconds(10)))
                    .as("second oldest stream ends")
                    .isTrue();
            postRead("5CAP123", "CA");
            for (SseReader open : readers.subList(2, 7)) {
                assertThat(open.next("alert", Duration.ofSeconds(10))
                                .get("read")
                                .get("plate")
                                .asString())
                        .isEqualTo("5CAP123");
                assertThat(open.endsWithin(Duration.ZERO)).isFalse();
            }
        } finally {
            readers.forEach(SseReader::close);
        }
    }

    @Test
    void aHitWhoseAlertWasLostIsRaisedByTheRematchOnce() {
        UUID early = postRead("5RMA123", "CA"); // before the list is in force: never re-matched
        svs("5RMA123", "CA");
        UUID readId = postRead("5RMA123", "CA");
        assertThat(alertsOf(readId)).hasSize(1);
        // As if raising the alert had failed after the read committed.
        jdbc.sql("DELETE FROM alerts WHERE read_id = ?").param(readId).update();

        // At least this one (other tests of this class purge alerts of recent reads too).
        assertThat(rematch.rematch()).isGreaterThanOrEqualTo(1);
        assertThat(onlyAlertOf(readId).get("matchKind").asString()).isEqualTo("EXACT");
        assertThat(rematch.rematch()).isZero();
        assertThat(alertsOf(early)).isEmpty();
        // Outside the window it is left alone.
        jdbc.sql("DELETE FROM alerts WHERE read_id = ?").param(readId).update();
        ((MutableClock) clock).advance(Duration.ofMinutes(11));
        assertThat(rematch.rematch()).isZero();
    }

    @Test
    void wrongStateAndConfusableMatchesAreLabelledNeverPlainHits() {
        svs("5WST123", "CA", "5CON123", "CA");
        JsonNode wrongState = onlyAlertOf(postRead("5WST123", "NV"));
        assertThat(wrongState.get("matchKind").asString()).isEqualTo("STATE_MISMATCH");
        assertThat(wrongState.get("plainHit").asBoolean()).isFalse();
        assertThat(wrongState.get("label").asString()).startsWith("WRONG STATE");
        assertThat(wrongState.get("checks").get("stateMatches").asBoolean()).isFalse();

        JsonNode confusable = onlyAlertOf(postRead("5C0N123", "CA")); // zero for O
        assertThat(confusable.get("matchKind").asString()).isEqualTo("CONFUSABLE");
        assertThat(confusable.get("plainHit").asBoolean()).isFalse();
        assertThat(confusable.get("label").asString()).startsWith("CONFUSABLE");
        assertThat(confusable.get("read").get("plate").asString()).isEqualTo("5C0N123");
        assertThat(confusable.get("entry").get("plate").asString()).isEqualTo("5CON123");

        JsonNode noState = onlyAlertOf(postRead("5WST123", null));
        assertThat(noState.get("matchKind").asString()).isEqualTo("STATE_UNKNOWN");
        assertThat(noState.get("checks").get("stateMatches").isNull()).isTrue();

        assertThat(alertsOf(postRead("5ZZZ999", "CA"))).isEmpty();
    }

    @Test
    void theLifeCycleIsEnforcedAndEveryTransitionAudited() {
        svs("5LIF123", "CA");
        long id = onlyAlertOf(postRead("5LIF123", "CA")).get("id").asLong();

        // (confirming before the checks is the profile's alertVerification: SeedProfilesEnforcedApiTest)
        assertProblem(
                transition(id, officer, "{\"to\":\"NOT_CONFIRMED\",\"reason\":\"no answer\"}"),
                409,
                "alert-transition-not-allowed");
        assertProblem(
                transition(id, officer, "{\"to\":\"QUERIED\",\"result\":\"ACTIVE\"}"),
                409,
                "alert-transition-not-allowed");
        assertProblem(
                transition(id, officer, "{\"to\":\"TENTATIVE\",\"charactersVerified\":true,\"stateVerified\":true}"),
                409,
                "alert-verification-required");
        assertProblem(
                transition(
                        id,
                        officer,
                        "{\"to\":\"TENTATIVE\",\"charactersVerified\":true,"
                                + "\"stateVerified\":true,\"vehicleVerified\":false}"),
                409,
                "alert-verification-required");
        assertProblem(transition(id, officer, "{\"to\":\"FLYING\"}"), 400, "invalid-field");

        Api.Response tentative = transition(
                id,
                officer,
                "{\"to\":\"TENTATIVE\",\"charactersVerified\":true,"
                        + "\"stateVerified\":true,\"vehicleVerified\":true}");
        assertThat(tentative.status()).as(tentative.body()).isEqualTo(200);
        assertThat(tentative.json().get("state").asString()).isEqualTo("TENTATIVE");

        // (confirming before the checks is the profile's alertVerification: SeedProfilesEnforcedApiTest)
        assertProblem(
                transition(id, officer, "{\"to\":\"NOT_CONFIRMED\",\"reason\":\"no answer\"}"),
                409,
                "alert-transition-not-allowed");
        assertProblem(
                transition(id, officerWithoutClets, "{\"to\":\"QUERIED\",\"result\":\"ACTIVE\"}"),
                403,
                "clets-not-authorised");
        assertProblem(transition(id, officer, "{\"to\":\"QUERIED\"}"), 400, "invalid-field");
        assertThat(transition(id, officer, "{\"to\":\"QUERIED\",\"result\":\"ACTIVE - STOLEN\",\"reference\":\"M-77\"}")
                        .status())
                .isEqualTo(200);
        assertProblem(transition(id, officer, "{\"to\":\"CONFIRMED\",\"method\":\"phone\"}"), 400, "invalid-field");
        assertThat(transition(
                                id,
                                officer,
                                "{\"to\":\"CONFIRMED\",\"confirmedWith\":\"Oakland PD records, Ofc. Diaz\",\"method\":\"teletype\"}")
                        .status())
                .isEqualTo(200);
        assertProblem(transition(id, officer, "{\"to\":\"CLEARED\",\"outcome\":\"ARREST\"}"), 400, "invalid-field");
        Api.Response cleared =
                transition(id, officer, "{\"to\":\"CLEARED\",\"outcome\":\"ARREST\",\"incidentNumber\":\"26-004211\"}");
        assertThat(cleared.status()).as(cleared.body()).isEqualTo(200);
        assertProblem(
                transition(
                        id,
                        officer,
                        "{\"to\":\"TENTATIVE\",\"charactersVerified\":true,"
                                + "\"stateVerified\":true,\"vehicleVerified\":true}"),
                409,
                "alert-transition-not-allowed");

        JsonNode alert = cleared.json();
        assertThat(alert.get("state").asString()).isEqualTo("CLEARED");
        assertThat(alert.get("transitions").findValuesAsString("to"))
                .containsExactly("TENTATIVE", "QUERIED", "CONFIRMED", "CLEARED");
        JsonNode confirmed = alert.get("transitions").get(2);
        assertThat(confirmed.get("details").get("confirmedWith").asString()).contains("Oakland PD");
        assertThat(confirmed.get("details").get("method").asString()).isEqualTo("teletype");
        assertThat(alert.get("transitions").get(1).get("details").get("result").asString())
                .isEqualTo("ACTIVE - STOLEN");
        assertThat(alert.get("transitions")
                        .get(3)
                        .get("details")
                        .get("incidentNumber")
                        .asString())
                .isEqualTo("26-004211");
        assertThat(alert.get("transitions").get(0).get("by").asString()).startsWith("officer-");
        assertThat(alert.get("outcome").asString()).isEqualTo("ARREST");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_events WHERE action = 'alert.transition' AND subject = ?")
                        .param("alert:" + id)
                        .query(Long.class)
                        .single())
                .isEqualTo(4);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_events WHERE action = 'alert.transition-refused' "
                                + "AND subject = ?")
                        .param("alert:" + id)
                        .query(Long.class)
                        .single())
                .isGreaterThanOrEqualTo(6);

        // An arrest on a hit that was never confirmed with the entering agency is refused.
        long second = onlyAlertOf(postRead("5LIF123", "CA")).get("id").asLong();
        assertThat(transition(
                                second,
                                officer,
                                "{\"to\":\"TENTATIVE\",\"charactersVerified\":true,"
                                        + "\"stateVerified\":true,\"vehicleVerified\":true}")
                        .status())
                .isEqualTo(200);
        assertProblem(
                transition(second, officer, "{\"to\":\"CLEARED\",\"outcome\":\"ARREST\",\"incidentNumber\":\"26-1\"}"),
                409,
                "alert-confirmation-required");
        assertThat(transition(
                                second,
                                officer,
                                "{\"to\":\"CLEARED\",\"outcome\":\"NO_ACTION\",\"incidentNumber\":\"26-1\"}")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void onlyTrainedMembersOfAlertRolesMayTransition() {
        svs("5ROL123", "CA");
        long id = onlyAlertOf(postRead("5ROL123", "CA")).get("id").asLong();
        String body = "{\"to\":\"MISREAD\"}";
        String auditor = HotlistFixtures.member(accounts, tokens, Role.AUDITOR, false, TestDates.trainedRecently());
        assertProblem(transition(id, auditor, body), 403, "forbidden");
        String lapsed = HotlistFixtures.member(
                accounts,
                tokens,
                Role.OFFICER,
                true,
                TestDates.trainedRecently().minusYears(2));
        assertProblem(transition(id, lapsed, body), 403, "training-lapsed");
        assertProblem(api.get("/api/v1/alerts/" + id, lapsed), 403, "training-lapsed");
        assertProblem(api.get("/api/v1/alerts", lapsed), 403, "training-lapsed");
        String untrained = HotlistFixtures.member(accounts, tokens, Role.OFFICER, true, null);
        assertProblem(transition(id, untrained, body), 403, "training-lapsed");
        assertThat(transition(id, supervisor, body).status()).isEqualTo(200);
    }

    @Test
    void misreadsAreCountedPerCameraAndPerEntryAndFlagTheEntry() {
        svs("5MIS123", "CA");
        for (int i = 0; i < 2; i++) {
            long id = onlyAlertOf(postRead("5MIS123", "CA")).get("id").asLong();
            assertThat(transition(id, officer, "{\"to\":\"MISREAD\",\"note\":\"plate was 5MIS128\"}")
                            .status())
                    .isEqualTo(200);
        }
        JsonNode flagged = api.get("/api/v1/hotlists/flagged", supervisor).json();
        assertThat(flagged.findValuesAsString("plate")).contains("5MIS123");
        // A supervisor without CLETS sees that an SVS entry is flagged, not its plate (CLETS data).
        String noClets = HotlistFixtures.member(accounts, tokens, Role.SUPERVISOR, false, TestDates.trainedRecently());
        JsonNode withheld = api.get("/api/v1/hotlists/flagged", noClets).json();
        assertThat(withheld.size()).isEqualTo(flagged.size());
        assertThat(withheld.toString()).doesNotContain("5MIS123");
        JsonNode quality = api.get("/api/v1/alerts/quality", supervisor).json();
        JsonNode mine = null;
        for (JsonNode q : quality) {
            if (cameraName.equals(q.get("deviceName").asString())) {
                mine = q;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.get("misreads").asLong()).isEqualTo(2);
        assertThat(audited("hotlist.flagged-viewed", supervisor, "hotlists:flagged"))
                .isEqualTo(1);

        // The role alone is not enough: a supervisor whose training lapsed sees neither.
        String lapsed = HotlistFixtures.member(
                accounts,
                tokens,
                Role.SUPERVISOR,
                true,
                TestDates.trainedRecently().minusYears(2));
        assertProblem(api.get("/api/v1/hotlists/flagged", lapsed), 403, "training-lapsed");
        assertProblem(api.get("/api/v1/alerts/quality", lapsed), 403, "training-lapsed");
    }

    @Test
    void aCustomEntryMatchesOnlyOnceApprovedAndStopsAtExpiry() {
        Instant expires = clock.instant().plus(Duration.ofDays(2));
        String entry = "{\"plate\":\"6PAR*\",\"state\":\"CA\",\"vehicle\":{\"make\":\"Honda\",\"color\":\"red\"},"
                + "\"reason\":\"Robbery suspect vehicle\",\"caseNumber\":\"26-0101\","
                + "\"synopsis\":\"Armed robbery, partial plate from witness\",\"expiresAt\":\"" + expires + "\"}";
        assertProblem(
                api.postJson(
                        "/api/v1/hotlists/custom/entries",
                        officer,
                        entry.replace("\"synopsis\":\"Armed robbery, partial plate from witness\",", "")),
                400,
                "invalid-field");
        assertProblem(
                api.postJson(
                        "/api/v1/hotlists/custom/entries",
                        officer,
                        entry.replace(",\"expiresAt\":\"" + expires + "\"", "")),
                400,
                "invalid-field");
        // Values PostgreSQL would refuse are 400s, not 500s.
        assertProblem(
                api.postJson(
                        "/api/v1/hotlists/custom/entries",
                        officer,
                        entry.replace("Armed robbery", "Armed\\u0000robbery")),
                400,
                "invalid-field");
        assertProblem(
                api.postJson(
                        "/api/v1/hotlists/custom/entries",
                        officer,
                        entry.replace(expires.toString(), "+300000-01-01T00:00:00Z")),
                400,
                "invalid-field");
        Api.Response created = api.postJson("/api/v1/hotlists/custom/entries", officer, entry);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("status").asString()).isEqualTo("PENDING");
        long entryId = created.json().get("id").asLong();

        assertThat(alertsOf(postRead("6PAR991", "CA"))).isEmpty();

        assertThat(api.postJson("/api/v1/hotlists/custom/entries/" + entryId + "/approval", officer, "{}")
                        .status())
                .isEqualTo(403);
        // A missing body or a missing "approve" is never an approval.
        assertProblem(
                api.postJson("/api/v1/hotlists/custom/entries/" + entryId + "/approval", admin, "{}"),
                400,
                "invalid-field");
        assertProblem(
                api.postJson("/api/v1/hotlists/custom/entries/" + entryId + "/approval", admin, "{\"note\":\"ok\"}"),
                400,
                "invalid-field");
        Api.Response approved =
                api.postJson("/api/v1/hotlists/custom/entries/" + entryId + "/approval", admin, "{\"approve\":true}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().get("status").asString()).isEqualTo("ACTIVE");

        JsonNode partial = onlyAlertOf(postRead("6PAR992", "CA"));
        assertThat(partial.get("matchKind").asString()).isEqualTo("PARTIAL");
        assertThat(partial.get("plainHit").asBoolean()).isFalse();
        assertThat(partial.get("entry").get("caseNumber").asString()).isEqualTo("26-0101");
        assertThat(partial.get("entry").get("list").asString()).isEqualTo("custom");
        assertThat(partial.get("checks").get("makeMatches").asBoolean()).isFalse();

        // A change waits for a supervisor; until then the entry stays as it was.
        Api.Response seen = putJson(
                "/api/v1/hotlists/custom/entries/" + entryId,
                officer,
                "{\"plate\":\"8PAR*\",\"synopsis\":\"Witness thinks the first digit is 8\"}");
        assertThat(seen.status()).as(seen.body()).isEqualTo(200);
        String seenAt = seen.json().get("proposedAt").asString();
        // The proposal is replaced after the supervisor looked at it.
        ((MutableClock) clock).advance(Duration.ofSeconds(30));
        Api.Response change = putJson(
                "/api/v1/hotlists/custom/entries/" + entryId,
                officer,
                "{\"plate\":\"7PAR*\",\"synopsis\":\"Witness corrected the first digit\"}");
        assertThat(change.status()).as(change.body()).isEqualTo(200);
        String changeAt = change.json().get("proposedAt").asString();
        assertThat(onlyAlertOf(postRead("6PAR993", "CA")).get("matchKind").asString())
                .isEqualTo("PARTIAL");
        String path = "/api/v1/hotlists/custom/entries/" + entryId + "/change-approval";
        assertThat(api.postJson(path, officer, "{}").status()).isEqualTo(403);
        assertProblem(api.postJson(path, supervisor, "{\"proposedAt\":\"" + changeAt + "\"}"), 400, "invalid-field");
        assertProblem(api.postJson(path, supervisor, "{\"approve\":true}"), 400, "invalid-field");
        assertProblem(
                api.postJson(path, supervisor, "{\"approve\":true,\"proposedAt\":\"" + seenAt + "\"}"),
                409,
                "conflict");
        assertThat(api.postJson(path, supervisor, "{\"approve\":true,\"proposedAt\":\"" + changeAt + "\"}")
                        .status())
                .isEqualTo(200);
        assertThat(alertsOf(postRead("6PAR994", "CA"))).isEmpty();
        assertThat(alertsOf(postRead("7PAR995", "CA"))).hasSize(1);

        ((MutableClock) clock).advance(Duration.ofDays(3));
        assertThat(alertsOf(postRead("7PAR996", "CA"))).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_events WHERE subject = ?")
                        .param("hotlist-entry:" + entryId)
                        .query(Long.class)
                        .single())
                .isEqualTo(5);
    }

    @Test
    void aVehicleOnlyEntryRaisesOneVehicleDescriptionAlertNeverAPlainHit() {
        Instant expires = clock.instant().plus(Duration.ofDays(2));
        // No other test in this class posts a green Subaru: this entry cannot add alerts to theirs.
        String entry = "{\"vehicle\":{\"make\":\"Subaru\",\"model\":\"Outback\",\"color\":\"Green\"},"
                + "\"reason\":\"Hit and run vehicle\",\"caseNumber\":\"26-0202\","
                + "\"synopsis\":\"Hit and run, no plate seen\",\"expiresAt\":\"" + expires + "\"}";
        Api.Response colourOnly = api.postJson(
                "/api/v1/hotlists/custom/entries",
                officer,
                entry.replace("\"make\":\"Subaru\",\"model\":\"Outback\",", ""));
        assertProblem(colourOnly, 400, "invalid-field");
        assertThat(colourOnly.json().get("field").asString()).isEqualTo("vehicle");
        assertThat(colourOnly.json().get("detail").asString()).contains("at least 2");
        Api.Response nothing = api.postJson(
                "/api/v1/hotlists/custom/entries",
                officer,
                entry.replace("\"vehicle\":{\"make\":\"Subaru\",\"model\":\"Outback\",\"color\":\"Green\"},", ""));
        assertProblem(nothing, 400, "invalid-field");
        assertThat(nothing.json().get("field").asString()).isEqualTo("plate");
        assertProblem(
                api.postJson(
                        "/api/v1/hotlists/custom/entries", officer, entry.replace("\"caseNumber\":\"26-0202\",", "")),
                400,
                "invalid-field");

        Api.Response created = api.postJson("/api/v1/hotlists/custom/entries", officer, entry);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("status").asString()).isEqualTo("PENDING");
        assertThat(created.json().get("plate").isNull()).isTrue();
        long entryId = created.json().get("id").asLong();
        String green = "{\"make\":\" subaru \",\"model\":\"OUTBACK\",\"color\":\"green\",\"type\":\"wagon\"}";
        assertThat(alertsOf(postRead("4VEH101", "CA", green))).isEmpty();

        Api.Response approved =
                api.postJson("/api/v1/hotlists/custom/entries/" + entryId + "/approval", admin, "{\"approve\":true}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);

        UUID matching = postRead("4VEH102", "CA", green);
        UUID blue = postRead("4VEH103", "CA", green.replace("green", "Blue"));
        UUID noVehicle = postRead("4VEH104", "CA", "null");
        JsonNode alert = onlyAlertOf(matching);
        assertThat(alert.get("matchKind").asString()).isEqualTo("VEHICLE");
        assertThat(alert.get("plainHit").asBoolean()).isFalse();
        assertThat(alert.get("label").asString())
                .isEqualTo("VEHICLE DESCRIPTION ONLY: the plate was not on the list; confirm the vehicle");
        assertThat(alert.get("entry").get("id").asLong()).isEqualTo(entryId);
        assertThat(alert.get("entry").get("plate").isNull()).isTrue();
        assertThat(alert.get("entry").get("vehicleOnly").asBoolean()).isTrue();
        assertThat(alert.get("checks").get("stateAgreement").asString()).isEqualTo("ENTRY_ANY_STATE");
        assertThat(alert.get("checks").get("colorMatches").asBoolean()).isTrue();
        assertThat(alertsOf(blue)).isEmpty();
        assertThat(alertsOf(noVehicle)).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM alerts WHERE entry_id = ?")
                        .param(entryId)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        // The re-match compares the vehicle too: a lost vehicle alert comes back, and only that one.
        jdbc.sql("DELETE FROM alerts WHERE read_id = ?").param(matching).update();
        assertThat(rematch.rematch()).isGreaterThanOrEqualTo(1);
        assertThat(onlyAlertOf(matching).get("matchKind").asString()).isEqualTo("VEHICLE");
        assertThat(alertsOf(blue)).isEmpty();
        assertThat(alertsOf(noVehicle)).isEmpty();
    }

    @Test
    void alertsArePurgedByTheHitRetentionNotWithDetections() {
        svs("5RET123", "CA");
        long id = onlyAlertOf(postRead("5RET123", "CA")).get("id").asLong();
        long purgesBefore = jdbc.sql("SELECT count(*) FROM audit_events WHERE action = 'alert.purged'")
                .query(Long.class)
                .single();
        retention.purge();
        assertThat(jdbc.sql("SELECT count(*) FROM alerts WHERE id = ?")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        // Oakland keeps hits as long as detections: six months.
        ((MutableClock) clock).advance(Duration.ofDays(200));
        retention.purge();
        assertThat(jdbc.sql("SELECT count(*) FROM alerts WHERE id = ?")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_events WHERE action = 'alert.purged'")
                        .query(Long.class)
                        .single())
                .isEqualTo(purgesBefore + 1);
    }

    /** San Leandro 418.5: "purged on the 366th day", counting the day it was raised as the first. */
    @Test
    void sanLeandrosHitsGoOnTheir366thDayAndHaywardsNever() {
        MutableClock moved = (MutableClock) clock;
        moved.reset();
        try {
            svs("5SLD366", "CA");
            long id = onlyAlertOf(postRead("5SLD366", "CA")).get("id").asLong();
            ZoneId zone = profile.zone();
            LocalDate raised = LocalDate.now(zone);
            AlertRetention sanLeandro = new AlertRetention(
                    alertStore,
                    audit,
                    tx(),
                    ShippedProfiles.byName("san-leandro").orElseThrow(),
                    clock);
            AlertRetention hayward = new AlertRetention(
                    alertStore, audit, tx(), ShippedProfiles.byName("hayward").orElseThrow(), clock);

            moveTo(moved, raised.plusDays(364).atTime(23, 59).atZone(zone)); // the 365th day, just before its end
            sanLeandro.purge();
            assertThat(alertExists(id)).isTrue();

            moveTo(moved, raised.plusDays(365).atTime(0, 1).atZone(zone)); // the 366th day has begun
            hayward.purge();
            assertThat(alertExists(id))
                    .as("Hayward keeps hit records indefinitely")
                    .isTrue();
            sanLeandro.purge();
            assertThat(alertExists(id)).isFalse();
        } finally {
            moved.reset();
        }
    }

    private static void moveTo(MutableClock moved, ZonedDateTime at) {
        moved.reset();
        moved.advance(Duration.between(Instant.now(), at.toInstant()));
    }

    private boolean alertExists(long id) {
        return jdbc.sql("SELECT count(*) FROM alerts WHERE id = ?")
                        .param(id)
                        .query(Long.class)
                        .single()
                == 1;
    }

    private TransactionTemplate tx() {
        return new TransactionTemplate(transactions);
    }

    private AdminSession listAdmin;

    /** The administrator who designates and fills lists: at a console session, re-authenticated per write. */
    private AdminSession lists() {
        if (listAdmin == null) {
            listAdmin = AdminSession.signIn(port, accounts, tokens, clock);
        }
        return listAdmin;
    }
}
