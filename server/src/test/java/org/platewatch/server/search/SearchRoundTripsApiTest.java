package org.platewatch.server.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.platewatch.server.search.SearchFixtures.body;
import static org.platewatch.server.search.SearchFixtures.platesOf;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.platewatch.server.audit.AuditEvent;
import org.platewatch.server.audit.AuditLog;
import org.platewatch.server.hotlist.HotlistFixtures;
import org.platewatch.server.ingest.DeviceRegistry;
import org.platewatch.server.platform.SecretTokens;
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
 * What the search's shorter path (docs/search.md, "The API's own cost") must keep: the audit chain stays one chain
 * when many searches write their records at once (the chain's lock and head are read in one round trip); a partial
 * plate with a known beginning, answered by its keys from the covering index first (V86), finds exactly the reads
 * the pattern, the state and the snapshot allow, and pages without gap or repeat; and a personal token's use is
 * still noted while its holder's account is read once per request.
 */
@PlatewatchServerTest
class SearchRoundTripsApiTest {

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
    String tag;
    LocalDate today;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new SearchFixtures(api, devices);
        investigator = HotlistFixtures.member(accounts, tokens, Role.INVESTIGATOR, false, TestDates.trainedRecently());
        tag = SearchFixtures.tag();
        today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    @Test
    void concurrentSearchesEachChainOntoTheRecordBeforeThem() throws Exception {
        String plate = "8" + tag + "321";
        fixtures.upload(List.of(SearchFixtures.read(plate, at(2, 9), 37.8, -122.27)));
        long before = jdbc.sql("SELECT coalesce(max(id), 0) FROM audit_events")
                .query(Long.class)
                .single();
        int threads = 6;
        int each = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Integer>>> done = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    List<Integer> statuses = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        statuses.add(fixtures.search(investigator, body("\"plate\":\"" + plate + "\""))
                                .status());
                    }
                    return statuses;
                }));
            }
            start.countDown();
            for (Future<List<Integer>> f : done) {
                assertThat(f.get(60, TimeUnit.SECONDS)).containsOnly(201);
            }
        } finally {
            pool.shutdownNow();
        }

        List<Row> rows = jdbc.sql("""
                        SELECT id, occurred_at, username, full_name, action, subject, terms, purpose, case_number,
                               result_count, client_address, previous_hash, hash
                        FROM audit_events WHERE id >= ? ORDER BY id
                        """)
                .param(before)
                .query((rs, n) -> new Row(
                        rs.getLong("id"),
                        rs.getObject("occurred_at", java.time.OffsetDateTime.class)
                                .toInstant(),
                        rs.getString("username"),
                        rs.getString("full_name"),
                        new AuditEvent(
                                rs.getString("action"),
                                rs.getString("subject"),
                                rs.getString("terms"),
                                rs.getString("purpose"),
                                rs.getString("case_number"),
                                (Integer) rs.getObject("result_count")),
                        rs.getString("client_address"),
                        rs.getString("previous_hash"),
                        rs.getString("hash")))
                .list();
        List<Row> written = before == 0 ? rows : rows.subList(1, rows.size());
        assertThat(written.stream().filter(r -> r.event().action().equals("search.run")))
                .hasSize(threads * each);
        String previous = before == 0 ? AuditLog.GENESIS : rows.get(0).hash();
        for (Row r : written) {
            assertThat(r.previousHash())
                    .as("record %d chains onto the one before it", r.id())
                    .isEqualTo(previous);
            assertThat(AuditLog.chainHash(r.previousHash(), r.at(), r.username(), r.fullName(), r.event(), r.client()))
                    .as("record %d's hash", r.id())
                    .isEqualTo(r.hash());
            previous = r.hash();
        }
    }

    @Test
    void aPartialPlateWithAKnownBeginningFindsExactlyItsReadsAndPagesThem() {
        String prefix = "7" + tag.substring(0, 2);
        String seven = prefix + "K912"; // 7 characters: matches prefix*12
        String six = "7" + tag + "12";
        List<String> reads = new ArrayList<>(List.of(
                SearchFixtures.read(six, at(1, 8), 37.8, -122.27),
                SearchFixtures.read(seven, at(1, 9), 37.8, -122.27),
                SearchFixtures.read(six, at(4, 10), 37.8, -122.27),
                SearchFixtures.read(seven, at(9, 11), 37.8, -122.27).replace("\"CA\"", "\"NV\""),
                // in the prefix's range, but not the pattern: found by the index, left out by the check
                SearchFixtures.read("7" + tag + "13", at(1, 12), 37.8, -122.27),
                SearchFixtures.read(prefix + "K921", at(2, 12), 37.8, -122.27)));
        fixtures.upload(reads);
        String pattern = "\"plate\":\"" + prefix + "*12\"";

        JsonNode first = search(body(pattern, "\"pageSize\":2"));
        assertThat(first.get("total").asInt()).isEqualTo(4);
        List<Instant> seen = new ArrayList<>(capturedAt(first));
        List<String> plates = new ArrayList<>(platesOf(first));
        fixtures.upload(List.of(SearchFixtures.read(six, at(3, 7), 37.8, -122.27))); // after the search ran
        String id = first.get("id").asString();
        JsonNode next = first.get("next");
        while (next != null && !next.isNull()) {
            JsonNode page = api.get(
                            "/api/v1/searches/" + id + "/results?pageSize=2&cursor=" + next.asString(), investigator)
                    .json();
            seen.addAll(capturedAt(page));
            plates.addAll(platesOf(page));
            next = page.get("next");
        }
        assertThat(seen).containsExactly(at(1, 9), at(1, 8), at(4, 10), at(9, 11));
        assertThat(plates).containsExactly(seven, six, six, seven);

        JsonNode nevada = search(body(pattern, "\"state\":\"NV\""));
        assertThat(nevada.get("total").asInt()).isEqualTo(1);
        assertThat(platesOf(nevada)).containsExactly(seven);
        JsonNode window = search(
                body(pattern, "\"from\":\"" + at(5, 0) + "\"", "\"to\":\"" + at(0, 0) + "\"", "\"state\":\"CA\""));
        assertThat(window.get("total").asInt()).isEqualTo(4); // the later read counts now; Nevada's does not
        assertThat(capturedAt(window)).containsExactly(at(1, 9), at(1, 8), at(3, 7), at(4, 10));
    }

    @Test
    void aPersonalTokensUseIsNotedAndItsHolderSearchesWithOneLookUp() {
        byte[] hash = SecretTokens.sha256(investigator);
        jdbc.sql("UPDATE api_tokens SET last_used_at = NULL WHERE token_sha256 = ?")
                .param(hash)
                .update();
        Api.Response r = fixtures.search(investigator, body("\"plate\":\"9" + tag + "111\""));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(jdbc.sql("SELECT last_used_at IS NOT NULL FROM api_tokens WHERE token_sha256 = ?")
                        .param(hash)
                        .query(Boolean.class)
                        .single())
                .as("the token's use is noted")
                .isTrue();
        assertThat(api.postJson("/api/v1/searches", "pwu_not-a-token", body("\"plate\":\"9" + tag + "111\""))
                        .status())
                .isEqualTo(401);
    }

    private record Row(
            long id,
            Instant at,
            String username,
            String fullName,
            AuditEvent event,
            String client,
            String previousHash,
            String hash) {}

    private Instant at(int daysAgo, int hourUtc) {
        return today.minusDays(daysAgo).atTime(hourUtc, 0).toInstant(ZoneOffset.UTC);
    }

    private JsonNode search(String json) {
        Api.Response r = fixtures.search(investigator, json);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private static List<Instant> capturedAt(JsonNode search) {
        return StreamSupport.stream(search.get("results").spliterator(), false)
                .map(n -> Instant.parse(n.get("capturedAt").asString()))
                .toList();
    }
}
