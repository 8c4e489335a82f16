package org.platewatch.server.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.platewatch.server.search.SearchFixtures.assertRefused;
import static org.platewatch.server.search.SearchFixtures.body;
import static org.platewatch.server.search.SearchFixtures.plates;
import static org.platewatch.server.search.SearchFixtures.platesOf;
import static org.platewatch.server.search.SearchFixtures.read;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
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
import tools.jackson.databind.JsonNode;

/**
 * Purpose-bound search through the HTTP API on the real PostgreSQL: the refusals, partial plates, a canvass,
 * look-alike plates, the audit record of every search, approval of a broad search, paging, and images.
 * Reads come in through the device upload API from a mobile unit, which reports its own position.
 */
@PlatewatchServerTest
class SearchApiTest {

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

    Api api;
    SearchFixtures fixtures;
    String unit;
    String investigator;
    String supervisor;
    Instant now;
    String tag;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new SearchFixtures(api, devices);
        unit = fixtures.unit;
        investigator = member(Role.INVESTIGATOR);
        supervisor = member(Role.SUPERVISOR);
        now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        tag = SearchFixtures.tag();
    }

    @Test
    void aSearchWithoutCaseNumberPurposeOrCriteriaIsRefusedNamingTheField() {
        assertRefused(
                fixtures.search(
                        investigator,
                        "{\"purpose\":\"STOLEN_VEHICLE\",\"reason\":\"stolen car\",\"plate\":\"7ABC123\"}"),
                400,
                "caseNumber");
        assertRefused(
                fixtures.search(
                        investigator, "{\"caseNumber\":\"24-1\",\"reason\":\"stolen car\",\"plate\":\"7ABC123\"}"),
                400,
                "purpose");
        assertRefused(
                fixtures.search(investigator, body("\"purpose\":\"CURIOSITY\"", "\"plate\":\"7ABC123\"")),
                400,
                "purpose");
        assertRefused(
                fixtures.search(
                        investigator,
                        "{\"caseNumber\":\"24-1\",\"purpose\":\"STOLEN_VEHICLE\",\"reason\":\"x\","
                                + "\"plate\":\"7ABC123\"}"),
                400,
                "reason");
        assertRefused(fixtures.search(investigator, body("\"reason\":\"stolen car\"")), 400, "plate");
        assertRefused(fixtures.search(investigator, body("\"plate\":\"7ABC123\",\"from\":\"yesterday\"")), 400, "from");
        assertRefused(
                fixtures.search(
                        investigator,
                        body("\"plate\":\"7ABC123\",\"from\":\"" + now + "\",\"to\":\"" + now.minusSeconds(60) + "\"")),
                400,
                "to");
        assertRefused(
                fixtures.search(investigator, body("\"area\":{\"latitude\":95,\"longitude\":0,\"radiusMeters\":10}")),
                400,
                "area.latitude");
        assertRefused(
                fixtures.search(investigator, body("\"plate\":\"7ABC123\",\"cameras\":[\"not-a-uuid\"]")),
                400,
                "cameras[0]");
        assertRefused(fixtures.search(investigator, "[1, 2"), 400, null);
        assertThat(searchesBy(investigator)).isZero();
    }

    @Test
    void aForbiddenUseIsRefusedWhetherNamedAsPurposeOrInTheReasonAndTheRefusalIsAudited() {
        Api.Response named = fixtures.search(
                investigator,
                "{\"caseNumber\":\"24-7\",\"purpose\":\"IMMIGRATION_ENFORCEMENT\","
                        + "\"reason\":\"request from a federal agency\",\"plate\":\"7ABC123\"}");
        assertRefused(named, 403, "purpose");
        assertThat(named.json().get("type").asString()).endsWith(":prohibited-purpose");

        assertRefused(
                fixtures.search(
                        investigator, body("\"reason\":\"help ICE locate the driver\"", "\"plate\":\"7ABC123\"")),
                403,
                "purpose");
        assertRefused(
                fixtures.search(
                        investigator,
                        body(
                                "\"reason\":\"who came to the protest downtown\"",
                                "\"area\":{\"latitude\":37.8,\"longitude\":-122.27,\"radiusMeters\":300}")),
                403,
                "purpose");

        assertThat(auditCount(investigator, "search.refused")).isEqualTo(3);
        assertThat(searchesBy(investigator)).isZero();
        // "ice" in an ordinary sentence is not the agency
        assertThat(fixtures.search(
                                investigator,
                                body("\"reason\":\"car slid on ice and left the scene\"", "\"plate\":\"7ABC123\""))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void aPartialPlateFindsTheReadsItDescribesAndNoOthers() {
        fixtures.upload(List.of(
                read("7" + tag + "312", now.minusSeconds(600), 36.10, -120.10),
                read("7" + tag + "912", now.minusSeconds(500), 36.10, -120.10),
                read("7" + tag + "313", now.minusSeconds(400), 36.10, -120.10),
                read("8" + tag + "312", now.minusSeconds(300), 36.10, -120.10)));

        assertThat(plates(fixtures.search(investigator, body("\"plate\":\"7" + tag.substring(0, 2) + "*12\""))))
                .containsExactly("7" + tag + "912", "7" + tag + "312");
        assertThat(plates(fixtures.search(investigator, body("\"plate\":\"?" + tag + "312\""))))
                .containsExactly("8" + tag + "312", "7" + tag + "312");
        assertThat(plates(fixtures.search(investigator, body("\"plate\":\"7" + tag + "31?\""))))
                .containsExactly("7" + tag + "313", "7" + tag + "312");
        // only a middle known: the trigram index
        assertThat(plates(fixtures.search(investigator, body("\"plate\":\"*" + tag + "3*\""))))
                .containsExactly("8" + tag + "312", "7" + tag + "313", "7" + tag + "312");
    }

    @Test
    void aCanvassFindsTheReadsInsideTheCircleAndTheWindowAndNoneOutside() {
        double lat = 35.0 + Math.random();
        double lon = -119.0 - Math.random();
        double degLat = 1 / SearchArea.METERS_PER_DEGREE_LATITUDE;
        double degLon = degLat / Math.cos(Math.toRadians(lat));
        fixtures.upload(List.of(
                read("1" + tag + "001", now.minusSeconds(1800), lat + 100 * degLat, lon), // 100 m north, in window
                read("1" + tag + "002", now.minusSeconds(1200), lat, lon - 450 * degLon), // 450 m west, in window
                read("1" + tag + "003", now.minusSeconds(4 * 3600), lat, lon), // at the centre, before the window
                read("1" + tag + "004", now.minusSeconds(900), lat + 800 * degLat, lon), // 800 m north
                // inside the circle's bounding box, outside the circle: 424 m north and 424 m east is 600 m away
                read("1" + tag + "005", now.minusSeconds(600), lat + 424 * degLat, lon + 424 * degLon)));

        Api.Response canvass = fixtures.search(
                investigator,
                body(
                        "\"purpose\":\"CRIME_SCENE_CANVASS\"",
                        "\"from\":\"" + now.minusSeconds(2 * 3600) + "\",\"to\":\"" + now + "\"",
                        "\"area\":{\"latitude\":" + lat + ",\"longitude\":" + lon + ",\"radiusMeters\":500}"));
        assertThat(canvass.status()).isEqualTo(201);
        assertThat(plates(canvass)).containsExactly("1" + tag + "002", "1" + tag + "001");
        assertThat(canvass.json().get("total").asInt()).isEqualTo(2);

        Api.Response polygon = fixtures.search(
                investigator,
                body(
                        "\"purpose\":\"CRIME_SCENE_CANVASS\"",
                        "\"from\":\"" + now.minusSeconds(2 * 3600) + "\",\"to\":\"" + now + "\"",
                        "\"area\":{\"polygon\":[[" + (lat - 0.001) + "," + (lon - 0.001) + "],[" + (lat + 0.01) + ","
                                + (lon - 0.001) + "],[" + (lat + 0.01) + "," + (lon + 0.001) + "],[" + (lat - 0.001)
                                + "," + (lon + 0.001) + "]]}"));
        assertThat(plates(polygon)).containsExactly("1" + tag + "004", "1" + tag + "001");
    }

    @Test
    void aConfusableSearchAlsoFindsLookAlikeReadsAndMarksThem() {
        fixtures.upload(List.of(
                read("7ABC1Z3", now.minusSeconds(300), 34.2, -118.2),
                read("7ABC123", now.minusSeconds(200), 34.2, -118.2),
                read("7ABC124", now.minusSeconds(100), 34.2, -118.2)));

        assertThat(plates(fixtures.search(investigator, body("\"plate\":\"7ABC123\""))))
                .containsExactly("7ABC123");

        JsonNode confusable = fixtures.search(investigator, body("\"plate\":\"7ABC123\",\"confusable\":true"))
                .json();
        Map<String, Boolean> lookAlike = new java.util.TreeMap<>();
        confusable
                .get("results")
                .forEach(r -> lookAlike.put(
                        r.get("plate").asString(), r.get("lookAlike").asBoolean()));
        assertThat(lookAlike).containsExactly(Map.entry("7ABC123", false), Map.entry("7ABC1Z3", true));

        JsonNode partial = fixtures.search(investigator, body("\"plate\":\"7ABC1*\",\"confusable\":true"))
                .json();
        assertThat(partial.get("total").asInt()).isEqualTo(3);
    }

    @Test
    void everySearchIsInTheAuditLogWithItsTermsPurposeCaseNumberAndResultCount() {
        fixtures.upload(List.of(read("5" + tag + "777", now.minusSeconds(60), 34.0, -118.0)));
        JsonNode ran = fixtures.search(
                        investigator,
                        "{\"caseNumber\":\"24-004711\",\"purpose\":\"WANTED_PERSON\","
                                + "\"reason\":\"suspect vehicle in a robbery\",\"plate\":\"5" + tag
                                + "777\",\"state\":\"CA\"}")
                .json();
        assertThat(ran.get("total").asInt()).isEqualTo(1);

        Map<String, Object> row = jdbc.sql("""
                        SELECT terms, purpose, case_number, result_count, username FROM audit_events
                        WHERE action = 'search.run' AND subject = ?
                        """)
                .param("search:" + ran.get("id").asString())
                .query()
                .singleRow();
        assertThat((String) row.get("terms")).isEqualTo("plate=5" + tag + "777; state=CA");
        assertThat((String) row.get("purpose")).isEqualTo("WANTED_PERSON: suspect vehicle in a robbery");
        assertThat(row.get("case_number")).isEqualTo("24-004711");
        assertThat(row.get("result_count")).isEqualTo(1);
        assertThat(row.get("username")).isEqualTo(username(investigator));
    }

    @Test
    void aBroadSearchWaitsForASupervisorAndRunsForItsRequesterOnceApproved() {
        double lat = 33.0 + Math.random();
        fixtures.upload(List.of(read("2" + tag + "555", now.minusSeconds(3600), lat, -117.5)));
        String broad = body(
                "\"from\":\"" + now.minus(Duration.ofDays(45)) + "\",\"to\":\"" + now + "\"",
                "\"area\":{\"latitude\":" + lat + ",\"longitude\":-117.5,\"radiusMeters\":200}");

        Api.Response asked = fixtures.search(investigator, broad);
        assertThat(asked.status()).isEqualTo(202);
        JsonNode pending = asked.json();
        assertThat(pending.get("status").asString()).isEqualTo("PENDING_APPROVAL");
        assertThat(pending.get("broadBecause").get(0).asString()).contains("longer than 30 days");
        assertThat(pending.get("results")).isEmpty();
        String id = pending.get("id").asString();
        assertThat(api.get("/api/v1/searches/" + id, investigator)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("PENDING_APPROVAL");
        assertThat(api.get("/api/v1/searches/" + id + "/results", investigator).status())
                .isEqualTo(409);

        // the queue shows the request to supervisors, not to investigators; no one decides on their own search
        assertThat(api.get("/api/v1/searches/pending", supervisor).body()).contains(id);
        assertThat(api.get("/api/v1/searches/pending", investigator).status()).isEqualTo(403);
        String ownId = fixtures.search(supervisor, broad).json().get("id").asString();
        assertRefused(decide(supervisor, ownId, "APPROVE", null), 403, null);
        assertRefused(decide(supervisor, id, "REJECT", null), 400, "note");

        JsonNode approved =
                decide(supervisor, id, "APPROVE", "homicide canvass, approved").json();
        assertThat(approved.get("status").asString()).isEqualTo("APPROVED");
        assertThat(decide(supervisor, id, "REJECT", "changed my mind").status()).isEqualTo(409);

        JsonNode ran = api.get("/api/v1/searches/" + id, investigator).json();
        assertThat(ran.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(ran.get("total").asInt()).isEqualTo(1);
        assertThat(ran.get("results").get(0).get("plate").asString()).isEqualTo("2" + tag + "555");
        assertThat(auditCount(investigator, "search.awaiting-approval")).isEqualTo(1);
        assertThat(auditCount(supervisor, "search.approved")).isEqualTo(1);
        assertThat(auditCount(investigator, "search.run")).isEqualTo(1);

        // a partial plate with two known characters is broad too
        assertThat(fixtures.search(investigator, body("\"plate\":\"7*2\"")).status())
                .isEqualTo(202);
    }

    @Test
    void auditorsAndDevicesMayNotSearchAndOfficersMayByTheProfile() {
        String plate = body("\"plate\":\"7ABC123\"");
        assertRefused(fixtures.search(member(Role.AUDITOR), plate), 403, null);
        assertRefused(fixtures.search(unit, plate), 403, null);
        assertRefused(fixtures.search(null, plate), 401, null);
        assertThat(fixtures.search(member(Role.OFFICER), plate).status()).isEqualTo(201);
        String untrained = HotlistFixtures.member(accounts, tokens, Role.INVESTIGATOR, false, null);
        assertThat(fixtures.search(untrained, plate).json().get("type").asString())
                .endsWith(":training-lapsed");
    }

    @Test
    void pagesFollowAStableCursorAndOnlyTheRequesterSeesThem() {
        List<String> reads = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            reads.add(read("3" + tag + "44" + i, now.minusSeconds(1000 - i), 32.5, -117.0));
        }
        fixtures.upload(reads);
        JsonNode first = fixtures.search(investigator, body("\"plate\":\"3" + tag + "44*\",\"pageSize\":2"))
                .json();
        String id = first.get("id").asString();
        assertThat(first.get("total").asInt()).isEqualTo(5);
        List<String> seen = new ArrayList<>(platesOf(first));

        fixtures.upload(List.of(read("3" + tag + "449", now.minusSeconds(10), 32.5, -117.0))); // after the search ran
        String next = first.get("next").asString();
        while (next != null) {
            JsonNode page = api.get("/api/v1/searches/" + id + "/results?pageSize=2&cursor=" + next, investigator)
                    .json();
            seen.addAll(platesOf(page));
            next = page.get("next").isNull() ? null : page.get("next").asString();
        }
        assertThat(seen)
                .containsExactly(
                        "3" + tag + "444", "3" + tag + "443", "3" + tag + "442", "3" + tag + "441", "3" + tag + "440");
        assertThat(api.get("/api/v1/searches/" + id, investigator)
                        .json()
                        .get("total")
                        .asInt())
                .isEqualTo(5);

        String colleague = member(Role.INVESTIGATOR);
        Api.Response refused = api.get("/api/v1/searches/" + id, colleague);
        assertRefused(refused, 403, null);
        assertThat(refused.json().get("type").asString()).endsWith(":not-your-search");
        assertRefused(api.get("/api/v1/searches/" + id + "/results?cursor=bogus", investigator), 400, "cursor");
    }

    @Test
    void aResultsImageIsServedToItsRequesterAndAuditedWithTheSearch() throws IOException {
        UUID readId = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        fixtures.upload(List.of(
                read(readId, "4" + tag + "100", now.minusSeconds(100), 31.5, -116.0),
                read(other, "4" + tag + "200", now.minusSeconds(90), 31.5, -116.0)));
        assertThat(api.putBytes("/api/v1/reads/" + readId + "/image", unit, "image/jpeg", jpeg())
                        .status())
                .isEqualTo(200);
        assertThat(api.putBytes("/api/v1/reads/" + other + "/image", unit, "image/jpeg", jpeg())
                        .status())
                .isEqualTo(200);

        JsonNode found = fixtures.search(
                        investigator,
                        "{\"caseNumber\":\"24-9\",\"purpose\":\"CRIME_INVESTIGATION\","
                                + "\"reason\":\"burglary suspect\",\"plate\":\"4" + tag + "100\"}")
                .json();
        String link = found.get("results").get(0).get("image").asString();
        Api.Response image = api.get(link, investigator);
        assertThat(image.status()).isEqualTo(200);
        assertThat(image.contentType()).isEqualTo("image/jpeg");
        Map<String, Object> row = jdbc.sql(
                        "SELECT subject, case_number FROM audit_events WHERE action = ?" + " AND username = ?")
                .params("search.image-viewed", username(investigator))
                .query()
                .singleRow();
        assertThat(row.get("subject")).isEqualTo("search:" + found.get("id").asString() + " read:" + readId);
        assertThat(row.get("case_number")).isEqualTo("24-9");

        // a read the search did not find is not reachable through it
        assertRefused(api.get(link.replace(readId.toString(), other.toString()), investigator), 404, "readId");
        assertRefused(api.get(link, member(Role.INVESTIGATOR)), 403, null);
    }

    // --- helpers

    private String member(Role role) {
        return HotlistFixtures.member(accounts, tokens, role, false, TestDates.trainedRecently());
    }

    private String username(String token) {
        return tokens.holderOf(token).orElseThrow().username();
    }

    private Api.Response decide(String token, String id, String decision, String note) {
        return api.postJson(
                "/api/v1/searches/" + id + "/approval",
                token,
                "{\"decision\":\"" + decision + "\"" + (note == null ? "" : ",\"note\":\"" + note + "\"") + "}");
    }

    private int searchesBy(String token) {
        return jdbc.sql("SELECT count(*) FROM searches WHERE requested_by = ?")
                .param(username(token))
                .query(Integer.class)
                .single();
    }

    private int auditCount(String token, String action) {
        return jdbc.sql("SELECT count(*) FROM audit_events WHERE action = ? AND username = ?")
                .params(action, username(token))
                .query(Integer.class)
                .single();
    }

    private static byte[] jpeg() throws IOException {
        BufferedImage image = new BufferedImage(64, 32, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out);
        return out.toByteArray();
    }
}
