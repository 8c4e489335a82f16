package org.platewatch.server.hotlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
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

/**
 * A profile whose members' changes to entries need no supervisor ({@code updateNeedsSupervisorApproval: false}; no
 * shipped profile has it): a change is in force at once, but never on an entry still awaiting the administrator's
 * approval, or an administrator could rewrite another member's new entry and then approve it as the second person.
 */
@PlatewatchServerTest
@TestPropertySource(properties = "platewatch.policy.profile-file=src/test/resources/profiles/changes-at-once.yml")
class CustomEntryChangeAtOnceApiTest {

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
    void anAdministratorCannotRewriteAnotherMembersPendingEntryAndThenApproveIt() {
        Api api = new Api(port);
        String officer = member(Role.OFFICER);
        String admin = member(Role.ADMINISTRATOR);
        Api.Response entered = api.postJson("/api/v1/hotlists/custom/entries", officer, entry("7PND001"));
        assertThat(entered.status()).as(entered.body()).isEqualTo(201);
        long id = entered.json().get("id").asLong();

        Api.Response rewritten = api.putJson(
                "/api/v1/hotlists/custom/entries/" + id,
                admin,
                "{\"plate\":\"7PND999\",\"state\":\"CA\",\"synopsis\":\"Changed before approval\"}");
        assertThat(rewritten.status()).as(rewritten.body()).isEqualTo(409);
        assertThat(rewritten.isProblem()).isTrue();
        assertThat(plate(id)).isEqualTo("7PND001");

        // The member who entered it may still correct it before it is approved; the administrator then approves.
        Api.Response corrected = api.putJson(
                "/api/v1/hotlists/custom/entries/" + id,
                officer,
                "{\"plate\":\"7PND002\",\"state\":\"CA\",\"synopsis\":\"Witness corrected the plate\"}");
        assertThat(corrected.status()).as(corrected.body()).isEqualTo(200);
        assertThat(corrected.json().get("plate").asString()).isEqualTo("7PND002");
        Api.Response approved =
                api.postJson("/api/v1/hotlists/custom/entries/" + id + "/approval", admin, "{\"approve\":true}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);

        // Once in force, a member's change is in force at once and audited in its transaction.
        Api.Response changed = api.putJson(
                "/api/v1/hotlists/custom/entries/" + id,
                member(Role.INVESTIGATOR),
                "{\"plate\":\"7PND003\",\"state\":\"CA\",\"synopsis\":\"Second witness\"}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(plate(id)).isEqualTo("7PND003");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_events WHERE action = 'hotlist.entry-changed' AND subject = ?")
                        .param("hotlist-entry:" + id)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
    }

    private String plate(long id) {
        return jdbc.sql("SELECT plate FROM hotlist_entries WHERE id = ?")
                .param(id)
                .query(String.class)
                .single();
    }

    private String member(Role role) {
        return HotlistFixtures.member(accounts, tokens, role, false, TestDates.trainedRecently());
    }

    private String entry(String plate) {
        return "{\"plate\":\"" + plate + "\",\"state\":\"CA\",\"vehicle\":{\"make\":\"Honda\",\"model\":\"Civic\","
                + "\"color\":\"red\"},\"reason\":\"Robbery suspect vehicle\",\"caseNumber\":\"26-0101\","
                + "\"synopsis\":\"Armed robbery\",\"expiresAt\":\""
                + clock.instant().plus(Duration.ofDays(2))
                + "\"}";
    }
}
