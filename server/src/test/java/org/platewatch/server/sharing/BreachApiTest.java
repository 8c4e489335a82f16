package org.platewatch.server.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.platewatch.server.hotlist.HotlistFixtures;
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
 * The security breach record: the accounts and data concerned come from the audit log for the members and data
 * named, within the window; the breach closes only once a notification is recorded and every step is done.
 */
@PlatewatchServerTest
class BreachApiTest {

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

    @Test
    void aBreachListsWhatTheAuditLogHoldsOfItsMembersAndDataAndIsTrackedToClosure() {
        Api api = new Api(port);
        String admin = member(Role.ADMINISTRATOR);
        Instant from = clock.instant().minusSeconds(5).truncatedTo(ChronoUnit.SECONDS);
        // the stolen officer token: its holder lists agencies (refused) and searches (audited as the officer)
        String officerName = "officer-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        org.platewatch.server.support.Member.ready(
                accounts,
                new UserAccounts.NewUser(officerName, "Test officer", Role.OFFICER, false, TestDates.trainedRecently()),
                "correct horse battery staple");
        String officer = tokens.issue(officerName, "test", org.platewatch.server.platform.Actor.SYSTEM)
                .token();
        assertThat(api.get("/api/v1/sharing/agencies", officer).status()).isEqualTo(403);
        Api.Response search = api.postJson(
                "/api/v1/searches",
                officer,
                "{\"caseNumber\":\"24-9\",\"purpose\":\"STOLEN_VEHICLE\",\"reason\":\"stolen vehicle report\",\"plate\":\"7ABC123\"}");
        assertThat(search.status()).as(search.body()).isIn(200, 201);
        long agency = SharingFixtures.agency(api, admin, "Hayward Police Department", "LAW_ENFORCEMENT", "CA", false);
        Instant to = clock.instant().plusSeconds(5);

        Api.Response recorded = api.postJson(
                "/api/v1/breaches",
                admin,
                "{\"summary\":\"Officer token found on a public paste site\",\"foundAt\":\"" + clock.instant()
                        + "\",\"windowFrom\":\"" + from + "\",\"windowTo\":\"" + to + "\","
                        + "\"dataConcerned\":\"searches run with the token\",\"members\":[\"" + officerName + "\"],"
                        + "\"subjects\":[\"agency:" + agency + "\"]}");
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
        long id = recorded.json().get("id").asLong();

        JsonNode concerned =
                api.get("/api/v1/breaches/" + id + "/concerned", admin).json();
        assertThat(concerned.get("accounts").has(officerName))
                .as(concerned.toString())
                .isTrue();
        assertThat(concerned.get("data").has("agency:" + agency)).isTrue();
        List<String> actions = java.util.stream.StreamSupport.stream(
                        concerned.get("events").spliterator(), false)
                .map(e -> e.get("action").asString())
                .toList();
        assertThat(actions).contains("search.run", "sharing.agency-registered").doesNotContain("breach.recorded");
        assertThat(jdbc.sql(
                                "SELECT count(*) FROM audit_events WHERE action = 'breach.concerned-listed' AND subject = ?")
                        .param("breach:" + id)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);

        assertThat(api.postJson("/api/v1/breaches/" + id + "/close", admin, "").status())
                .isEqualTo(409);
        JsonNode withStep = api.postJson(
                        "/api/v1/breaches/" + id + "/steps",
                        admin,
                        "{\"kind\":\"NOTIFICATION\",\"description\":\"Notified the officer and the CA DOJ CLETS desk\"}")
                .json();
        long step = withStep.get("steps").get(0).get("id").asLong();
        assertThat(api.postJson("/api/v1/breaches/" + id + "/close", admin, "").status())
                .isEqualTo(409);
        assertThat(api.postJson("/api/v1/breaches/" + id + "/steps/" + step + "/done", admin, "")
                        .status())
                .isEqualTo(200);
        JsonNode closed =
                api.postJson("/api/v1/breaches/" + id + "/close", admin, "").json();
        assertThat(closed.get("closedAt").isNull()).isFalse();
        assertThat(api.postJson(
                                "/api/v1/breaches/" + id + "/steps",
                                admin,
                                "{\"kind\":\"REMEDIATION\"," + "\"description\":\"late\"}")
                        .status())
                .isEqualTo(409);
        assertThat(jdbc.sql("SELECT action FROM audit_events WHERE subject LIKE ? ORDER BY id")
                        .param("breach:" + id + "%")
                        .query(String.class)
                        .list())
                .containsExactly(
                        "breach.recorded",
                        "breach.concerned-listed",
                        "breach.step-added",
                        "breach.step-done",
                        "breach.closed");
        Api.Response unknownMember = api.postJson(
                "/api/v1/breaches",
                admin,
                "{\"summary\":\"s\",\"foundAt\":\"" + clock.instant().minusSeconds(60) + "\",\"windowFrom\":\"" + from
                        + "\",\"windowTo\":\"" + to + "\",\"dataConcerned\":\"d\",\"members\":[\"nobody-here\"]}");
        assertThat(unknownMember.status()).isEqualTo(400);
        assertThat(unknownMember.json().get("field").asString()).isEqualTo("members[0]");
    }

    private String member(Role role) {
        return HotlistFixtures.member(accounts, tokens, role, false, TestDates.trainedRecently());
    }
}
