package org.platewatch.server.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.platewatch.server.search.SearchFixtures.assertRefused;
import static org.platewatch.server.search.SearchFixtures.body;
import static org.platewatch.server.search.SearchFixtures.read;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
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
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** CSV and KML exports of a search's results: what they hold, who may take them, and their audit record. */
@PlatewatchServerTest
class SearchExportApiTest {

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
    String investigator;
    String searchId;
    String tag;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new SearchFixtures(api, devices);
        investigator = member(Role.INVESTIGATOR);
        tag = SearchFixtures.tag();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        fixtures.upload(List.of(
                read("6" + tag + "101", now.minusSeconds(300), 37.81, -122.26),
                read("6" + tag + "102", now.minusSeconds(200), 37.82, -122.25),
                read("6" + tag + "999", now.minusSeconds(100), 37.83, -122.24)));
        searchId = fixtures.search(
                        investigator,
                        "{\"caseNumber\":\"24-5150\",\"purpose\":\"CRIME_INVESTIGATION\","
                                + "\"reason\":\"hit and run suspect\",\"plate\":\"6" + tag + "10?\"}")
                .json()
                .get("id")
                .asString();
    }

    @Test
    void theCsvHoldsEveryResultNewestFirstAndItsExportIsAudited() {
        Api.Response csv = api.get("/api/v1/searches/" + searchId + "/export.csv", investigator);
        assertThat(csv.status()).as(csv.body()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        // the common layout of every detections CSV (platform.DetectionCsv), then the search's own look-alike mark
        assertThat(lines.get(0))
                .isEqualTo(
                        "read_id,captured_at_utc,captured_at_local,plate,state,confidence,latitude,longitude,heading,"
                                + "camera_id,camera_name,make,model,color,type,look_alike");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).contains(",6" + tag + "102,CA,").endsWith(",false");
        assertThat(lines.get(2)).contains(",6" + tag + "101,CA,").endsWith(",false");
        assertThat(csv.body()).doesNotContain("6" + tag + "999");

        Map<String, Object> row = jdbc.sql("SELECT terms, case_number, result_count FROM audit_events"
                        + " WHERE action = 'search.exported' AND subject = ?")
                .param("search:" + searchId)
                .query()
                .singleRow();
        assertThat((String) row.get("terms")).startsWith("format=csv; plate=6" + tag + "10?");
        assertThat(row.get("case_number")).isEqualTo("24-5150");
        assertThat(row.get("result_count")).isEqualTo(2);
    }

    @Test
    void theKmlIsAMapOfTheResultsWithTheirTimes() throws Exception {
        Api.Response kml = api.get("/api/v1/searches/" + searchId + "/export.kml", investigator);
        assertThat(kml.status()).isEqualTo(200);
        assertThat(kml.contentType()).startsWith("application/vnd.google-earth.kml+xml");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(kml.body().getBytes(StandardCharsets.UTF_8)));
        NodeList placemarks = doc.getElementsByTagNameNS("http://www.opengis.net/kml/2.2", "Placemark");
        assertThat(placemarks.getLength()).isEqualTo(2);
        assertThat(doc.getElementsByTagNameNS("http://www.opengis.net/kml/2.2", "coordinates")
                        .item(0)
                        .getTextContent())
                .isEqualTo("-122.2500000,37.8200000");
        assertThat(doc.getElementsByTagNameNS("http://www.opengis.net/kml/2.2", "name")
                        .item(0)
                        .getTextContent())
                .contains("case 24-5150");
    }

    @Test
    void onlyTheRequesterExportsAndOnlyASearchThatRan() {
        assertRefused(api.get("/api/v1/searches/" + searchId + "/export.csv", member(Role.INVESTIGATOR)), 403, null);
        assertRefused(api.get("/api/v1/searches/" + searchId + "/export.kml", member(Role.AUDITOR)), 403, null);
        Instant now = clock.instant();
        String pending = fixtures.search(
                        investigator,
                        body(
                                "\"from\":\"" + now.minus(Duration.ofDays(60)) + "\",\"to\":\"" + now + "\"",
                                "\"area\":{\"latitude\":37.8,\"longitude\":-122.27,\"radiusMeters\":100}"))
                .json()
                .get("id")
                .asString();
        assertRefused(api.get("/api/v1/searches/" + pending + "/export.csv", investigator), 409, null);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_events WHERE action = 'search.exported' AND subject IN (?, ?)")
                        .params("search:" + searchId, "search:" + pending)
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    private String member(Role role) {
        return HotlistFixtures.member(accounts, tokens, role, false, TestDates.trainedRecently());
    }
}
