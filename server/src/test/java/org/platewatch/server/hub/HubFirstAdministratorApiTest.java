package org.platewatch.server.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.samstevens.totp.secret.DefaultSecretGenerator;
import java.time.Clock;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.platewatch.server.platform.AgencyId;
import org.platewatch.server.support.AdminSession;
import org.platewatch.server.support.Api;
import org.platewatch.server.support.Member;
import org.platewatch.server.support.PlatewatchServerTest;
import org.platewatch.server.support.SessionClient;
import org.platewatch.server.support.TestDates;
import org.platewatch.server.users.PersonalTokens;
import org.platewatch.server.users.Role;
import org.platewatch.server.users.UserAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Hub mode: the home agency's administrator creates a registered agency's first administrator through the API,
 * who signs in (replacing the one-time password, enrolling a second factor) and then administers that agency
 * alone: the accounts they create are its, and the hub's own acts are refused to them.
 */
@PlatewatchServerTest
@TestPropertySource(properties = "platewatch.hub.enabled=true")
class HubFirstAdministratorApiTest {

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts accounts;

    @Autowired
    PersonalTokens tokens;

    @Autowired
    Clock clock;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theHomeAdministratorCreatesBsFirstAdministratorWhoThenActsForBAlone() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        AdminSession home = AdminSession.signIn(port, accounts, tokens, clock);
        Api.Response registered =
                home.postJson("/api/v1/hub/agencies", "{\"code\":\"agency-" + suffix + "\",\"name\":\"Agency B\"}");
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        int b = registered.json().get("id").asInt();
        String username = "chief-" + suffix;

        Api.Response created = home.postJson(
                "/api/v1/hub/agencies/" + b + "/administrators",
                "{\"username\":\"%s\",\"fullName\":\"Chief B\",\"trainedOn\":\"%s\"}"
                        .formatted(username, TestDates.trainedRecently()));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String oneTime = created.json().get("oneTimePassword").asString();
        assertThat(oneTime).hasSize(16);
        assertThat(created.json().get("agencyId").asInt()).isEqualTo(b);
        assertThat(accounts.findByUsername(username).orElseThrow().agency()).isEqualTo(new AgencyId(b));
        assertThat(accounts.findByUsername(username).orElseThrow().role()).isEqualTo(Role.ADMINISTRATOR);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM audit_events WHERE action = 'hub.first-administrator-created'"
                                + " AND subject = ? AND username = ?",
                        Integer.class,
                        "user:" + username,
                        home.username()))
                .isEqualTo(1);

        // The holder's first sign-in, as the console's first sign-in page does it.
        String password = "pw-" + UUID.randomUUID();
        String secret = new DefaultSecretGenerator(32).generate();
        Supplier<String> codes = Member.codesOf(secret);
        accounts.completeFirstSignIn(username, oneTime, password, secret, codes.get());
        SessionClient chief = new SessionClient(port);
        assertThat(chief.signIn(username, password, codes.get()).statusCode()).isEqualTo(302);

        Api.Response member = Api.Response.of(chief.sendJson(
                "POST",
                "/api/v1/users",
                AdminSession.confirmed(
                        "{\"username\":\"officer-%s\",\"fullName\":\"Officer B\",\"role\":\"officer\"}"
                                .formatted(suffix),
                        password,
                        codes.get())));
        assertThat(member.status()).as(member.body()).isEqualTo(201);
        assertThat(accounts.findByUsername("officer-" + suffix).orElseThrow().agency())
                .isEqualTo(new AgencyId(b));

        // The hub's own acts stay the home agency's.
        Api.Response another = Api.Response.of(chief.sendJson(
                "POST",
                "/api/v1/hub/agencies/" + b + "/administrators",
                AdminSession.confirmed(
                        "{\"username\":\"second-%s\",\"fullName\":\"Second B\"}".formatted(suffix),
                        password,
                        codes.get())));
        assertThat(another.status()).as(another.body()).isEqualTo(403);
        assertThat(accounts.findByUsername("second-" + suffix)).isEmpty();
    }

    @Test
    void anUnknownAgencyIsNotFoundAndTheHomeAgencyIsRefused() {
        AdminSession home = AdminSession.signIn(port, accounts, tokens, clock);
        assertThat(home.postJson(
                                "/api/v1/hub/agencies/999999/administrators",
                                "{\"username\":\"nobody-x\",\"fullName\":\"Nobody\"}")
                        .status())
                .isEqualTo(404);
        assertThat(home.postJson(
                                "/api/v1/hub/agencies/1/administrators",
                                "{\"username\":\"home-x\",\"fullName\":\"Home\"}")
                        .status())
                .isEqualTo(400);
    }
}
