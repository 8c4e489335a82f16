package org.platewatch.server.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.platewatch.server.search.SearchFixtures.body;
import static org.platewatch.server.search.SearchFixtures.platesOf;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
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
 * A full plate's search goes through the plate's day counts ({@code plate_days}, V54) and then only the day
 * partitions they name: these tests hold its answers to what the reads are, across days, windows that cut a day,
 * states, paging, a corrected plate and a deleted read; and hold that the application cannot write the counts.
 */
@PlatewatchServerTest
class ExactPlateSearchApiTest {

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
    String plate;
    LocalDate today;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new SearchFixtures(api, devices);
        investigator = HotlistFixtures.member(accounts, tokens, Role.INVESTIGATOR, false, TestDates.trainedRecently());
        plate = "7" + SearchFixtures.tag() + "123";
        today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    @Test
    void everyReadOfThePlateOverManyDaysIsFoundNewestFirstAndPagedWithoutGapOrRepeat() {
        List<Instant> times = new ArrayList<>();
        for (int daysAgo : new int[] {1, 1, 1, 5, 5, 9, 20}) {
            times.add(at(daysAgo, 10 + times.size()));
        }
        upload(plate, "CA", times);
        upload("8" + SearchFixtures.tag() + "456", "CA", times.subList(0, 3)); // another plate on the same days

        JsonNode first = search(body("\"plate\":\"" + plate + "\"", "\"pageSize\":2"));
        assertThat(first.get("total").asInt()).isEqualTo(7);
        List<Instant> seen = new ArrayList<>(capturedAt(first));
        upload(plate, "CA", List.of(at(5, 20))); // received after the search ran: never one of its results
        String id = first.get("id").asString();
        String next = nextOf(first);
        while (next != null) {
            JsonNode page = api.get("/api/v1/searches/" + id + "/results?pageSize=2&cursor=" + next, investigator)
                    .json();
            assertThat(platesOf(page)).containsOnly(plate);
            seen.addAll(capturedAt(page));
            next = nextOf(page);
        }
        List<Instant> newestFirst =
                times.stream().sorted(java.util.Comparator.reverseOrder()).toList();
        assertThat(seen).containsExactlyElementsOf(newestFirst);
    }

    @Test
    void aWindowThatCutsADayCountsOnlyThatDaysReadsInsideIt() {
        LocalDate day = today.minusDays(4);
        Instant morning = day.atTime(6, 0).toInstant(ZoneOffset.UTC);
        Instant evening = day.atTime(18, 0).toInstant(ZoneOffset.UTC);
        upload(plate, "CA", List.of(morning, evening, at(2, 12), at(8, 12)));

        Instant from = day.atTime(12, 0).toInstant(ZoneOffset.UTC);
        JsonNode fromNoon =
                search(body("\"plate\":\"" + plate + "\"", "\"from\":\"" + from + "\"", "\"to\":\"" + at(1, 0) + "\""));
        assertThat(fromNoon.get("total").asInt()).isEqualTo(2);
        assertThat(capturedAt(fromNoon)).containsExactly(at(2, 12), evening);

        JsonNode untilNoon = search(
                body("\"plate\":\"" + plate + "\"", "\"from\":\"" + at(10, 0) + "\"", "\"to\":\"" + from + "\""));
        assertThat(untilNoon.get("total").asInt()).isEqualTo(2);
        assertThat(capturedAt(untilNoon)).containsExactly(morning, at(8, 12));
    }

    @Test
    void theIssuingStateIsKeptApartInTheCountsAndTheResults() {
        upload(plate, "CA", List.of(at(3, 9), at(3, 10)));
        upload(plate, "NV", List.of(at(3, 11)));

        assertThat(search(body("\"plate\":\"" + plate + "\"")).get("total").asInt())
                .isEqualTo(3);
        JsonNode nevada = search(body("\"plate\":\"" + plate + "\"", "\"state\":\"NV\""));
        assertThat(nevada.get("total").asInt()).isEqualTo(1);
        assertThat(capturedAt(nevada)).containsExactly(at(3, 11));
    }

    @Test
    void aCorrectedPlateAndADeletedReadMoveTheCountsWithThem() {
        UUID misread = UUID.randomUUID();
        fixtures.upload(List.of(
                SearchFixtures.read(misread, plate, at(6, 8), 37.8, -122.27),
                SearchFixtures.read(plate, at(6, 9), 37.8, -122.27)));
        String corrected = "9" + SearchFixtures.tag() + "789";

        jdbc.sql("UPDATE detections SET plate = ? WHERE read_id = ?")
                .params(corrected, misread)
                .update();
        assertThat(search(body("\"plate\":\"" + plate + "\"")).get("total").asInt())
                .isEqualTo(1);
        JsonNode found = search(body("\"plate\":\"" + corrected + "\""));
        assertThat(found.get("total").asInt()).isEqualTo(1);
        assertThat(platesOf(found)).containsExactly(corrected);

        jdbc.sql("DELETE FROM detections WHERE read_id = ?").param(misread).update();
        assertThat(search(body("\"plate\":\"" + corrected + "\"")).get("total").asInt())
                .isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM plate_days WHERE plate = ?")
                        .param(corrected)
                        .query(Long.class)
                        .single())
                .as("a day left with no reads leaves the counts")
                .isZero();
    }

    @Test
    void theApplicationCanReadTheCountsButNeverWriteThem() {
        upload(plate, "CA", List.of(at(2, 7)));
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM plate_days WHERE plate = ?")
                        .param(plate)
                        .update())
                .hasStackTraceContaining("permission denied for table plate_days");
        assertThatThrownBy(() -> jdbc.sql("INSERT INTO plate_days VALUES (?, 'CA', ?, 5)")
                        .params(plate, today.minusDays(2))
                        .update())
                .hasStackTraceContaining("permission denied for table plate_days");
        assertThat(search(body("\"plate\":\"" + plate + "\"")).get("total").asInt())
                .isEqualTo(1);
    }

    private Instant at(int daysAgo, int hourUtc) {
        return today.minusDays(daysAgo).atTime(hourUtc, 0).toInstant(ZoneOffset.UTC);
    }

    private void upload(String plateText, String state, List<Instant> times) {
        List<String> reads = new ArrayList<>();
        for (Instant t : times) {
            reads.add(SearchFixtures.read(plateText, t, 37.8, -122.27).replace("\"CA\"", "\"" + state + "\""));
        }
        fixtures.upload(reads);
    }

    private JsonNode search(String json) {
        Api.Response r = fixtures.search(investigator, json);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private static List<Instant> capturedAt(JsonNode search) {
        return StreamSupport.stream(search.get("results").spliterator(), false)
                .map(n -> Instant.parse(n.get("capturedAt").asString()).truncatedTo(ChronoUnit.SECONDS))
                .toList();
    }

    private static String nextOf(JsonNode search) {
        JsonNode next = search.get("next");
        return next == null || next.isNull() ? null : next.asString();
    }
}
