package org.platewatch.server.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.platewatch.server.audit.AuditAnchors;
import org.platewatch.server.hotlist.HotlistFixtures;
import org.platewatch.server.ingest.DeviceKind;
import org.platewatch.server.ingest.DeviceRegistration;
import org.platewatch.server.ingest.DeviceRegistry;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.policy.DepartmentProfile;
import org.platewatch.server.support.Api;
import org.platewatch.server.support.MutableClock;
import org.platewatch.server.support.PlatewatchServerTest;
import org.platewatch.server.support.TestDates;
import org.platewatch.server.users.PersonalTokens;
import org.platewatch.server.users.Role;
import org.platewatch.server.users.UserAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The public page through the real server, without signing in, under a profile read from the documented YAML
 * example (Vallejo's): it publishes the profile's rules and the month's counts, and none of the plates, names, reasons
 * or places in the data it counts, in HTML or JSON. The figures are computed at most once per refresh interval.
 */
@PlatewatchServerTest
@TestPropertySource(properties = "platewatch.policy.profile-file=../docs/profiles/example.yml")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TransparencyPageApiTest {

    static final String CAMERA_NAME = "Fourth-and-Main-eastbound";
    static final String REASON_NAME = "Bartholomew Quinceworth";

    @LocalServerPort
    int port;

    @Autowired
    DeviceRegistry devices;

    @Autowired
    UserAccounts accounts;

    @Autowired
    PersonalTokens tokens;

    @Autowired
    AuditAnchors anchors;

    @Autowired
    DepartmentProfile profile;

    @Autowired
    Clock clock;

    Api api;

    static final List<String> PLATES = new ArrayList<>();

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @AfterEach
    void restore() {
        ((MutableClock) clock).reset();
    }

    @Test
    @Order(1)
    void thePageRendersWithoutSignInWithTheProfilesRulesAndNoPlateNameOrPlace() {
        String camera = devices.register(
                        new DeviceRegistration(CAMERA_NAME, DeviceKind.FIXED, 37.80517, -122.27331, 90.0), Actor.SYSTEM)
                .token();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        List<String> reads = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String plate = "8TQZ" + (100 + i) + "X";
            PLATES.add(plate);
            reads.add(read(plate, now.minusSeconds(60 + i)));
        }
        Api.Response upload = api.postJson("/api/v1/reads", camera, "{\"reads\":[" + String.join(",", reads) + "]}");
        assertThat(upload.status()).as(upload.body()).isIn(200, 201);
        String investigator =
                HotlistFixtures.member(accounts, tokens, Role.INVESTIGATOR, false, TestDates.trainedRecently());
        Api.Response search = api.postJson(
                "/api/v1/searches",
                investigator,
                "{\"caseNumber\":\"24-009911\",\"purpose\":\"CRIME_INVESTIGATION\",\"reason\":\"vehicle of "
                        + REASON_NAME + " seen leaving\",\"plate\":\"" + PLATES.get(0) + "\"}");
        assertThat(search.status()).as(search.body()).isEqualTo(201);

        Api.Response page = api.get("/transparency", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body())
                .contains("Vallejo Police Department")
                .contains("Plate reads and their images: kept at most 1 year.")
                .contains("Designee of the Investigations Bureau Captain")
                .contains("Flock Safety, the ALPR vendor")
                .contains("deleted when 30 days old")
                .contains("Criminal investigation")
                .doesNotContain("no releases recorded") // the release ledger and the audit reports exist
                .doesNotContain("no audits recorded");
        assertPublishesNothingFromTheData(page.body());

        Api.Response policy = api.get("/transparency/policy", null);
        assertThat(policy.status()).isEqualTo(200);
        assertThat(policy.body())
                .contains("kept at most 1 year")
                .contains("Designee of the Investigations Bureau Captain")
                .doesNotContain("id=\"figures\"");
    }

    @Test
    @Order(2)
    void theJsonHasTheMonthsFiguresThePolicyAndNoPlate() {
        Api.Response r = api.get("/transparency.json", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        assertPublishesNothingFromTheData(r.body());
        JsonNode json = r.json();
        assertThat(json.get("department").get("profile").asString()).isEqualTo("vallejo");
        assertThat(json.get("policy").get("designeeTitle").asString())
                .isEqualTo("Designee of the Investigations Bureau Captain");
        assertThat(json.get("policy").get("retention").get("detections").asString())
                .isEqualTo("Plate reads and their images: kept at most 1 year.");
        assertThat(json.get("policy")
                        .get("externalCopies")
                        .get(0)
                        .get("retention")
                        .asString())
                .isEqualTo("deleted when 30 days old");
        assertThat(json.get("policy").get("purposes")).hasSizeGreaterThan(3);
        assertThat(json.get("months")).hasSize(12);
        JsonNode month = json.get("months").get(0);
        assertThat(month.get("month").asString())
                .isEqualTo(
                        YearMonth.from(clock.instant().atZone(profile.zone())).toString());
        assertThat(month.get("cameras").asLong()).isEqualTo(1);
        assertThat(month.get("detections").asLong()).isEqualTo(5);
        assertThat(month.get("hotlistAlerts").asLong()).isZero();
        assertThat(month.get("searchesByPurpose").get(0).get("kind").asString()).isEqualTo("Criminal investigation");
        assertThat(month.get("searchesByPurpose").get(0).get("count").asLong()).isEqualTo(1);
        assertThat(month.get("releasesRecorded").asBoolean()).isTrue();
        assertThat(month.get("releasesByAgencyType")).isEmpty();
        assertThat(month.get("auditsRecorded").asBoolean()).isTrue();
        assertThat(month.get("auditsCompleted").asLong()).isZero();
        assertThat(month.get("purgesOnTime").asLong()).isZero();
        assertThat(json.get("refreshedEvery").asString()).isEqualTo("PT5M");

        Api.Response api1 = api.get("/api/v1/transparency", null);
        assertThat(api1.status()).isEqualTo(200);
        assertThat(api1.json().get("figuresAsOf")).isEqualTo(json.get("figuresAsOf"));
    }

    @Test
    @Order(3)
    void theFiguresAreComputedAtMostOncePerRefreshInterval() {
        JsonNode before = api.get("/transparency.json", null).json();
        String camera = devices.register(
                        new DeviceRegistration(
                                "unit-" + UUID.randomUUID().toString().substring(0, 6),
                                DeviceKind.MOBILE,
                                null,
                                null,
                                null),
                        Actor.SYSTEM)
                .token();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String plate = "8TQZ200X";
        PLATES.add(plate);
        assertThat(api.postJson("/api/v1/reads", camera, "{\"reads\":[" + read(plate, now.minusSeconds(30)) + "]}")
                        .status())
                .isIn(200, 201);

        JsonNode cached = api.get("/transparency.json", null).json();
        assertThat(cached.get("figuresAsOf")).isEqualTo(before.get("figuresAsOf"));
        assertThat(cached.get("months").get(0).get("detections").asLong()).isEqualTo(5);

        ((MutableClock) clock).advance(Duration.ofMinutes(6));
        JsonNode fresh = api.get("/transparency.json", null).json();
        assertThat(fresh.get("months").get(0).get("detections").asLong()).isEqualTo(6);
        assertThat(fresh.get("months").get(0).get("cameras").asLong()).isEqualTo(2);
        assertPublishesNothingFromTheData(fresh.toString());
    }

    @Test
    @Order(4)
    void theDaysSignedChainHeadIsPublishedWithTheKeyToCheckIt() {
        anchors.anchor();
        ((MutableClock) clock).advance(Duration.ofMinutes(12));
        JsonNode json = api.get("/transparency.json", null).json();
        JsonNode head = json.get("chainHeads").get(0);
        assertThat(head.get("signatureValid").asBoolean()).isTrue();
        assertThat(head.get("records").asLong()).isPositive();
        assertThat(head.get("signedText").asString()).startsWith("platewatch-audit-anchor/1\n" + head.get("lastId"));
        assertThat(json.get("anchorPublicKey").asString()).isNotBlank();
        assertThat(api.get("/transparency", null).body())
                .contains(head.get("hash").asString());
    }

    @Test
    @Order(5)
    void onlyTheFewPublicPathsOpenWithoutSignIn() {
        assertThat(api.get("/transparency/../retention", null).status()).isNotEqualTo(200);
        assertThat(api.get("/api/v1/retention/status", null).status()).isEqualTo(401);
        assertThat(api.postJson("/transparency.json", null, "{}").status()).isIn(401, 403, 405);
    }

    private static void assertPublishesNothingFromTheData(String body) {
        assertThat(PLATES).isNotEmpty();
        for (String plate : PLATES) {
            assertThat(body).doesNotContain(plate).doesNotContain(plate.substring(0, 6));
        }
        assertThat(body)
                .doesNotContain(CAMERA_NAME)
                .doesNotContain("37.805")
                .doesNotContain("-122.273")
                .doesNotContain(REASON_NAME)
                .doesNotContain("24-009911");
    }

    private static String read(String plate, Instant at) {
        return "{\"readId\":\"" + UUID.randomUUID() + "\",\"plate\":\"" + plate + "\",\"state\":\"CA\","
                + "\"confidence\":0.9,\"capturedAt\":\"" + at + "\",\"latitude\":37.80517,\"longitude\":-122.27331}";
    }
}
