package org.platewatch.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.platewatch.server.ingest.DeviceRegistry;
import org.platewatch.server.support.Api;
import org.platewatch.server.support.PlatewatchServerTest;
import org.platewatch.server.users.PersonalTokens;
import org.platewatch.server.users.Role;
import org.platewatch.server.users.UserAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Data error correction under San Leandro's profile (errors go to NCRIC): an administrator corrects a read's plate,
 * the original stays on the record, a search by the right plate finds the read and shows what it said before, the
 * change is audited and listed for reporting to NCRIC until recorded as reported. Nobody else may correct.
 */
@PlatewatchServerTest
@TestPropertySource(properties = "platewatch.policy.profile=san-leandro")
class DataCorrectionApiTest {

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
    AuditFixtures fixtures;
    String administrator;
    String investigator;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new AuditFixtures(api, accounts, tokens, devices, jdbc);
        administrator = fixtures.member(Role.ADMINISTRATOR);
        investigator = fixtures.member(Role.INVESTIGATOR);
    }

    @Test
    void aCorrectedPlateShowsInSearchWithItsOriginalAndIsListedForNcric() {
        Instant at = clock.instant().truncatedTo(ChronoUnit.SECONDS).minusSeconds(300);
        UUID read = fixtures.upload("8XYO771", at);
        UUID other = fixtures.upload("8XY0772", at.plusSeconds(1));

        Api.Response r = correct(administrator, read, "8xy 0771", "ca", "O read for 0: the image shows a zero");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode correction = r.json();
        assertThat(correction.get("originalPlate").asString()).isEqualTo("8XYO771");
        assertThat(correction.get("plate").asString()).isEqualTo("8XY0771");
        assertThat(correction.get("reportTo").asString()).isEqualTo("NCRIC");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_events WHERE action = 'detection.corrected' AND subject = ?")
                        .param("read:" + read)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);

        // the right plate finds it, with what it said before; an uncorrected read has no correction
        JsonNode found = search("8XY0771");
        List<JsonNode> results = list(found.get("results"));
        assertThat(results).hasSize(1);
        assertThat(results.get(0).get("readId").asString()).isEqualTo(read.toString());
        assertThat(results.get(0).get("plate").asString()).isEqualTo("8XY0771");
        assertThat(results.get(0).get("correction").get("originalPlate").asString())
                .isEqualTo("8XYO771");
        assertThat(results.get(0).get("correction").get("reason").asString()).contains("zero");
        assertThat(list(search("8XY0772").get("results"))
                        .get(0)
                        .get("correction")
                        .isNull())
                .isTrue();
        assertThat(list(search("8XYO771").get("results"))).isEmpty();

        // corrected again: the first original stays what the search shows
        assertThat(correct(administrator, read, "8XY0777", "CA", "second look at the image")
                        .status())
                .isEqualTo(201);
        JsonNode twice = list(search("8XY0777").get("results")).get(0).get("correction");
        assertThat(twice.get("originalPlate").asString()).isEqualTo("8XYO771");

        List<JsonNode> toReport =
                list(api.get("/api/v1/corrections?toReport=true", administrator).json());
        assertThat(toReport)
                .hasSize(2)
                .allSatisfy(c -> assertThat(c.get("readId").asString()).isEqualTo(read.toString()));
        assertThat(list(api.get("/api/v1/corrections?toReport=true", fixtures.member(Role.AUDITOR))
                        .json()))
                .hasSize(2);
        assertThat(other).isNotNull();

        // once reported to NCRIC, a correction leaves the list; only an administrator says so, once
        long first = toReport.get(0).get("id").asLong();
        assertThat(api.postJson("/api/v1/corrections/" + first + "/reported", fixtures.member(Role.AUDITOR), "")
                        .status())
                .isEqualTo(403);
        Api.Response reported = api.postJson("/api/v1/corrections/" + first + "/reported", administrator, "");
        assertThat(reported.status()).as(reported.body()).isEqualTo(200);
        assertThat(reported.json().get("reportedAt").isNull()).isFalse();
        assertThat(api.postJson("/api/v1/corrections/" + first + "/reported", administrator, "")
                        .status())
                .isEqualTo(409);
        assertThat(list(api.get("/api/v1/corrections?toReport=true", administrator)
                        .json()))
                .hasSize(1);
        assertThat(list(api.get("/api/v1/corrections", administrator).json())).hasSize(2);
    }

    @Test
    void onlyAnAdministratorCorrectsAndABadCorrectionIsRefusedWhole() {
        UUID read = fixtures.upload(
                "8QRS112", clock.instant().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60));
        for (Role role : List.of(Role.OFFICER, Role.INVESTIGATOR, Role.SUPERVISOR, Role.AUDITOR)) {
            assertThat(correct(fixtures.member(role), read, "8QRS113", "CA", "a wrong character")
                            .status())
                    .as(role.name())
                    .isEqualTo(403);
        }
        assertThat(correct(fixtures.unit, read, "8QRS113", "CA", "a wrong character")
                        .status())
                .isEqualTo(403);
        assertThat(correct(null, read, "8QRS113", "CA", "a wrong character").status())
                .isEqualTo(401);

        assertRefused(correct(administrator, read, "", "CA", "a wrong character"), 400, "plate");
        assertRefused(correct(administrator, read, "8QRS113", "XX", "a wrong character"), 400, "state");
        assertRefused(correct(administrator, read, "8QRS113", "CA", "no"), 400, "reason");
        assertRefused(correct(administrator, read, "8QRS113", "CA", "x".repeat(1001)), 400, "reason");
        assertRefused(correct(administrator, read, "8QRS112", "CA", "nothing to change"), 400, "plate");
        assertThat(correct(administrator, UUID.randomUUID(), "8QRS113", "CA", "a wrong character")
                        .status())
                .isEqualTo(404);
        assertThat(jdbc.sql("SELECT plate FROM detections WHERE read_id = ?")
                        .param(read)
                        .query(String.class)
                        .single())
                .isEqualTo("8QRS112");
        assertThat(jdbc.sql("SELECT count(*) FROM detection_corrections WHERE read_id = ?")
                        .param(read)
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    private JsonNode search(String plate) {
        Api.Response r = api.postJson(
                "/api/v1/searches",
                investigator,
                "{\"caseNumber\":\"24-C1\",\"purpose\":\"STOLEN_VEHICLE\",\"reason\":\"stolen vehicle report\","
                        + "\"plate\":\"" + plate + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private Api.Response correct(String token, UUID read, String plate, String state, String reason) {
        return api.postJson(
                "/api/v1/reads/" + read + "/corrections",
                token,
                "{\"plate\":\"" + plate + "\",\"state\":\"" + state + "\",\"reason\":\"" + reason + "\"}");
    }

    private static void assertRefused(Api.Response r, int status, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.isProblem()).isTrue();
        assertThat(r.json().get("field").asString()).isEqualTo(field);
    }

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }
}
