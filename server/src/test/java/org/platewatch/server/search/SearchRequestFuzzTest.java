package org.platewatch.server.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.platewatch.server.hotlist.HotlistFixtures;
import org.platewatch.server.support.Api;
import org.platewatch.server.support.Fuzz;
import org.platewatch.server.support.FuzzChecks;
import org.platewatch.server.support.PlatewatchServerTest;
import org.platewatch.server.support.TestDates;
import org.platewatch.server.users.PersonalTokens;
import org.platewatch.server.users.Role;
import org.platewatch.server.users.UserAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Hostile and mistaken search requests through the real server: valid searches mutated (fields dropped or given
 * the wrong type, huge numbers, control characters, odd Unicode, truncations). Whatever arrives, the answer is
 * never a 5xx, a refusal is problem+json naming the field, a refused request stores no search, and every search
 * that was stored is in the audit log.
 */
@PlatewatchServerTest
class SearchRequestFuzzTest {

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts accounts;

    @Autowired
    PersonalTokens tokens;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    Api api;
    String investigator;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        investigator = HotlistFixtures.member(accounts, tokens, Role.INVESTIGATOR, false, TestDates.trainedRecently());
    }

    @Test
    void aSearchRunsWaitsOrIsRefusedCleanlyAndNothingRefusedIsStored() {
        Fuzz.forAll("search request", 150, f -> f.mutateJson(seed(f)), body -> {
            int before = searches();
            Api.Response r = api.send(
                    java.net.http.HttpRequest.newBuilder(
                                    java.net.URI.create("http://localhost:" + port + "/api/v1/searches"))
                            .header("Content-Type", "application/json")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)),
                    investigator);
            if (FuzzChecks.refusedCleanly(r)) {
                assertThat(searches())
                        .as(new String(body, StandardCharsets.UTF_8))
                        .isEqualTo(before);
            } else {
                assertThat(r.status()).isIn(201, 202);
                assertThat(searches()).isEqualTo(before + 1);
                String id = r.json().get("id").asString();
                assertThat(audited(id)).as("the search is in the audit log").isOne();
            }
        });
    }

    private String seed(Fuzz f) {
        Instant now = clock.instant();
        List<String> criteria = List.of(
                "\"plate\":\"" + f.oneOf(List.of("7ABC123", "7AB*12", "?ABC123", "7*", "8B0", "*")) + "\"",
                "\"state\":\"" + f.oneOf(List.of("CA", "NV", "ca", "XX")) + "\"",
                "\"from\":\"" + now.minus(Duration.ofHours(f.between(1, 24 * 40))) + "\",\"to\":\"" + now + "\"",
                "\"area\":{\"latitude\":37.8,\"longitude\":-122.27,\"radiusMeters\":" + f.between(1, 9000) + "}",
                "\"area\":{\"polygon\":[[37.80,-122.28],[37.81,-122.28],[37.81,-122.27]]}",
                "\"vehicle\":{\"make\":\"Toyota\",\"color\":\"blue\"}",
                "\"confusable\":" + f.chance(0.5),
                "\"pageSize\":" + f.between(1, 600));
        StringBuilder s = new StringBuilder("{\"caseNumber\":\"24-" + f.between(1, 99999)
                + "\",\"purpose\":\"" + f.oneOf(List.of("STOLEN_VEHICLE", "crime-scene-canvass", "AMBER_ALERT"))
                + "\",\"reason\":\"" + f.oneOf(List.of("stolen car", "canvass after a shooting", "missing child"))
                + "\"");
        for (String c : criteria) {
            if (f.chance(0.4)) {
                s.append(',').append(c);
            }
        }
        if (f.chance(0.5)) {
            s.append(',').append(criteria.get(0));
        }
        return s.append('}').toString();
    }

    private int searches() {
        return jdbc.sql("SELECT count(*) FROM searches").query(Integer.class).single();
    }

    private int audited(String id) {
        return jdbc.sql("SELECT count(*) FROM audit_events WHERE subject = ? AND action IN ('search.run',"
                        + " 'search.awaiting-approval')")
                .param("search:" + id)
                .query(Integer.class)
                .single();
    }
}
