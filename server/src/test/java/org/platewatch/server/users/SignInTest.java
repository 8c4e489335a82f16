package org.platewatch.server.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.support.Api;
import org.platewatch.server.support.PlatewatchServerTest;
import org.platewatch.server.support.SessionClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Console sign-in through the real form login: GET /login for the CSRF token, POST /login with
 * username, password and the TOTP field {@code code}.
 */
@PlatewatchServerTest
class SignInTest {

    private static final String PASSWORD = "correct horse battery staple";

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts accounts;

    @Autowired
    TrainingRecords training;

    @Autowired
    PersonalTokens tokens;

    @Autowired
    SecondFactor secondFactor;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    java.time.Clock clock;

    String username;

    @BeforeEach
    void setUp() {
        username = "member-" + UUID.randomUUID().toString().substring(0, 6);
        // past the first sign-in: a member on a one-time password gets nothing but the change from the API
        org.platewatch.server.support.Member.ready(
                accounts,
                new UserAccounts.NewUser(
                        username,
                        "Officer Member",
                        Role.OFFICER,
                        false,
                        training.today().minusDays(5)),
                PASSWORD);
    }

    @Test
    void passwordAndCurrentCodeSignIn() {
        SessionClient browser = new SessionClient(port);
        HttpResponse<String> signIn = browser.signIn(username, PASSWORD, currentCode());
        assertThat(signIn.statusCode()).isEqualTo(302);
        assertThat(signIn.headers().firstValue("Location").orElse("")).doesNotContain("error");

        HttpResponse<String> me = browser.get("/api/v1/users/me");
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(Api.parse(me.body()).get("username").asString()).isEqualTo(username);
        assertThat(count("user.signed-in")).isEqualTo(1);
    }

    @Test
    void aMissingOrWrongCodeIsRefused() {
        assertThat(new SessionClient(port)
                        .signIn(username, PASSWORD, null)
                        .headers()
                        .firstValue("Location")
                        .orElse(""))
                .contains("error");
        String wrong = currentCode().equals("000000") ? "111111" : "000000";
        assertThat(new SessionClient(port)
                        .signIn(username, PASSWORD, wrong)
                        .headers()
                        .firstValue("Location")
                        .orElse(""))
                .contains("error");
        assertThat(jdbc.sql("SELECT terms FROM audit_events WHERE action = 'user.sign-in-failed' AND subject = ? "
                                + "ORDER BY id")
                        .param("user:" + username)
                        .query(String.class)
                        .list())
                .containsExactly(
                        "reason=missing-code, consecutive-failures=1", "reason=wrong-code, consecutive-failures=2");
    }

    @Test
    void aCodeIsAcceptedOnlyOnce() {
        String code = currentCode();
        assertThat(new SessionClient(port)
                        .signIn(username, PASSWORD, code)
                        .headers()
                        .firstValue("Location")
                        .orElse(""))
                .doesNotContain("error");
        assertThat(new SessionClient(port)
                        .signIn(username, PASSWORD, code)
                        .headers()
                        .firstValue("Location")
                        .orElse(""))
                .contains("error");
        assertThat(count("user.sign-in-failed")).isEqualTo(1);
    }

    @Test
    void fiveBadPasswordsLockTheAccountUntilAnAdministratorUnlocksIt() {
        for (int i = 1; i <= 5; i++) {
            HttpResponse<String> r = new SessionClient(port).signIn(username, "wrong password " + i, currentCode());
            assertThat(r.headers().firstValue("Location").orElse(""))
                    .as("attempt " + i)
                    .contains("error");
        }
        assertThat(accounts.findByUsername(username).orElseThrow().locked()).isTrue();
        assertThat(count("user.sign-in-failed")).isEqualTo(5);
        assertThat(count("user.locked")).isEqualTo(1);

        // The right password and code no longer help, and the refusal is audited.
        assertThat(new SessionClient(port)
                        .signIn(username, PASSWORD, currentCode())
                        .headers()
                        .firstValue("Location")
                        .orElse(""))
                .contains("error");
        assertThat(count("user.sign-in-refused")).isEqualTo(1);
        assertThat(count("user.signed-in")).isZero();

        accounts.unlock(username, new Actor("chief", "Chief Administrator"));
        assertThat(count("user.unlocked")).isEqualTo(1);
        assertThat(new SessionClient(port)
                        .signIn(username, PASSWORD, currentCode())
                        .headers()
                        .firstValue("Location")
                        .orElse(""))
                .doesNotContain("error");
    }

    @Test
    void anUnknownAccountIsRefusedLikeAWrongPasswordAndAudited() {
        HttpResponse<String> r = new SessionClient(port).signIn("nobody-" + username, PASSWORD, "123456");
        assertThat(r.headers().firstValue("Location").orElse("")).contains("error");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_events WHERE action = 'user.sign-in-failed' AND subject = ?")
                        .param("user:nobody-" + username)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aSessionFollowsRoleChangesAndEndsWhenTheAccountIsDisabled() {
        String auditor = "auditor-" + username;
        org.platewatch.server.support.Member.ready(
                accounts, new UserAccounts.NewUser(auditor, "Auditor", Role.AUDITOR, false, null), PASSWORD);
        SessionClient browser = new SessionClient(port);
        String code = secondFactor.currentCode(
                accounts.signInRecord(auditor).orElseThrow().totpSecret());
        assertThat(browser.signIn(auditor, PASSWORD, code)
                        .headers()
                        .firstValue("Location")
                        .orElse(""))
                .doesNotContain("error");
        assertThat(browser.get("/api/v1/audit/events").statusCode()).isEqualTo(200);

        accounts.changeRole(auditor, Role.OFFICER, false, Actor.SYSTEM);
        assertThat(browser.get("/api/v1/audit/events").statusCode()).isEqualTo(403);
        assertThat(Api.parse(browser.get("/api/v1/users/me").body()).get("role").asString())
                .isEqualTo("officer");

        accounts.disable(auditor, Actor.SYSTEM);
        assertThat(browser.get("/api/v1/users/me").statusCode()).isEqualTo(401);
    }

    @Test
    void theHolderReplacesTheOneTimePassword() {
        String fresh = "fresh-" + username;
        accounts.create(
                new UserAccounts.NewUser(
                        fresh,
                        "Fresh Member",
                        Role.OFFICER,
                        false,
                        training.today().minusDays(5)),
                PASSWORD,
                Actor.SYSTEM);
        SessionClient browser = new SessionClient(port);
        browser.signIn(
                fresh,
                PASSWORD,
                secondFactor.currentCode(
                        accounts.signInRecord(fresh).orElseThrow().totpSecret()));
        assertThat(Api.parse(browser.get("/api/v1/users/me").body())
                        .get("mustChangePassword")
                        .asBoolean())
                .isTrue();
        HttpResponse<String> early = browser.get("/api/v1/users/me/tokens");
        assertThat(early.statusCode())
                .as("nothing else on the API before the change")
                .isEqualTo(403);
        assertThat(Api.parse(early.body()).get("type").asString()).endsWith(":password-change-required");
        HttpResponse<String> wrong = browser.postJson(
                "/api/v1/users/me/password", "{\"currentPassword\":\"nope\",\"newPassword\":\"a much longer secret\"}");
        assertThat(wrong.statusCode()).isEqualTo(400);
        HttpResponse<String> changed = browser.postJson(
                "/api/v1/users/me/password",
                "{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"a much longer secret\"}");
        assertThat(changed.statusCode()).isEqualTo(204);
        assertThat(accounts.mustChangePassword(fresh)).isFalse();
        assertThat(browser.get("/api/v1/users/me/tokens").statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_events WHERE action = 'user.password-changed' AND subject = ?")
                        .param("user:" + fresh)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aSessionIssuesATokenOnlyWithThePasswordAndAFreshCode() {
        SessionClient browser = new SessionClient(port);
        String signInCode = currentCode();
        assertThat(browser.signIn(username, PASSWORD, signInCode)
                        .headers()
                        .firstValue("Location")
                        .orElse(""))
                .doesNotContain("error");

        HttpResponse<String> noProof = browser.postJson("/api/v1/users/me/tokens", "{\"name\":\"laptop\"}");
        assertThat(noProof.statusCode()).isEqualTo(403);
        assertThat(Api.parse(noProof.body()).get("type").asString())
                .isEqualTo("urn:platewatch:problem:holder-confirmation-failed");
        HttpResponse<String> wrongPassword = browser.postJson(
                "/api/v1/users/me/tokens",
                "{\"name\":\"laptop\",\"currentPassword\":\"guess\",\"code\":\"" + nextCode() + "\"}");
        assertThat(wrongPassword.statusCode()).isEqualTo(403);
        HttpResponse<String> replayed = browser.postJson(
                "/api/v1/users/me/tokens",
                "{\"name\":\"laptop\",\"currentPassword\":\"" + PASSWORD + "\",\"code\":\"" + signInCode + "\"}");
        assertThat(replayed.statusCode())
                .as("the sign-in's code cannot be replayed")
                .isEqualTo(403);
        assertThat(tokens.of(username)).isEmpty();
        assertThat(jdbc.sql("SELECT terms FROM audit_events WHERE action = 'user.sign-in-failed' AND subject = ? "
                                + "ORDER BY id")
                        .param("user:" + username)
                        .query(String.class)
                        .list())
                .as("each failed confirmation counts towards the lock-out")
                .containsExactly(
                        "reason=confirmation-wrong-password, consecutive-failures=1",
                        "reason=confirmation-wrong-password, consecutive-failures=2",
                        "reason=confirmation-replayed-code, consecutive-failures=3");

        // A refused request does not use up the code: the same code then works once.
        String code = nextCode();
        HttpResponse<String> tooLong = browser.postJson(
                "/api/v1/users/me/tokens",
                "{\"expiresInDays\":4000,\"currentPassword\":\"" + PASSWORD + "\",\"code\":\"" + code + "\"}");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        HttpResponse<String> issued = browser.postJson(
                "/api/v1/users/me/tokens",
                "{\"name\":\"laptop\",\"currentPassword\":\"" + PASSWORD + "\",\"code\":\"" + code + "\"}");
        assertThat(issued.statusCode()).isEqualTo(201);
        assertThat(Api.parse(issued.body()).get("token").asString()).startsWith("pwu_");
        assertThat(count("user.token-issued")).isEqualTo(1);
    }

    @Test
    void aSessionReplacesTheSecondFactorOnlyWithThePasswordAndACurrentCode() {
        SessionClient browser = new SessionClient(port);
        browser.signIn(username, PASSWORD, currentCode());
        String before = accounts.signInRecord(username).orElseThrow().totpSecret();
        HttpResponse<String> refused = browser.postJson(
                "/api/v1/users/me/second-factor",
                "{\"currentPassword\":\"" + PASSWORD
                        + "\",\"code\":\"000000\"}"
                                .replace("000000", nextCode().equals("000000") ? "111111" : "000000"));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(accounts.signInRecord(username).orElseThrow().totpSecret()).isEqualTo(before);

        HttpResponse<String> enrolled = browser.postJson(
                "/api/v1/users/me/second-factor",
                "{\"currentPassword\":\"" + PASSWORD + "\",\"code\":\"" + nextCode() + "\"}");
        assertThat(enrolled.statusCode()).isEqualTo(200);
        String after = accounts.signInRecord(username).orElseThrow().totpSecret();
        assertThat(after).isNotEqualTo(before);
        assertThat(Api.parse(enrolled.body()).get("otpauthUri").asString()).contains("secret=" + after);
        assertThat(count("user.second-factor-enrolled")).isEqualTo(1);
    }

    /** The code of the step after this one: accepted (clock drift) and not yet used by the sign-in. */
    private String nextCode() {
        return secondFactor.codeAt(
                accounts.signInRecord(username).orElseThrow().totpSecret(),
                clock.instant().getEpochSecond() / SecondFactor.PERIOD_SECONDS + 1);
    }

    private String currentCode() {
        return secondFactor.currentCode(
                accounts.signInRecord(username).orElseThrow().totpSecret());
    }

    private long count(String action) {
        return jdbc.sql("SELECT count(*) FROM audit_events WHERE action = ? AND subject = ?")
                .params(action, "user:" + username)
                .query(Long.class)
                .single();
    }
}
