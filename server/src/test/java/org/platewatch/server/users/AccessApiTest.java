package org.platewatch.server.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.platewatch.server.ingest.DeviceKind;
import org.platewatch.server.ingest.DeviceRegistration;
import org.platewatch.server.ingest.DeviceRegistry;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.platform.ProblemType;
import org.platewatch.server.support.AdminSession;
import org.platewatch.server.support.Api;
import org.platewatch.server.support.MutableClock;
import org.platewatch.server.support.PlatewatchServerTest;
import org.platewatch.server.support.SessionClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Roles, training, CLETS and tokens through the real HTTP server on real PostgreSQL. */
@PlatewatchServerTest
class AccessApiTest {

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts accounts;

    @Autowired
    TrainingRecords training;

    @Autowired
    PersonalTokens tokens;

    @Autowired
    MemberAccess access;

    @Autowired
    DeviceRegistry devices;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @Autowired
    Environment environment;

    @Autowired
    SecondFactor secondFactor;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    TotpSecretsAtRest secretsAtRest;

    Api api;
    String suffix;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        suffix = UUID.randomUUID().toString().substring(0, 6);
        ((MutableClock) clock).reset();
    }

    /** An account trained {@code trainedDaysAgo} days ago (null: never), and a personal token for it. */
    Member member(String name, Role role, Integer trainedDaysAgo) {
        String username = name + "-" + suffix;
        LocalDate trained = trainedDaysAgo == null ? null : training.today().minusDays(trainedDaysAgo);
        accounts.create(
                new UserAccounts.NewUser(username, "Member " + name, role, false, trained),
                "one-time password",
                Actor.SYSTEM);
        // as the holder does at first sign-in: the API answers only once the one-time password is replaced
        accounts.changePassword(username, "one-time password", "correct horse battery", Actor.SYSTEM);
        UserAccount account = accounts.findByUsername(username).orElseThrow();
        return new Member(account, tokens.issue(username, "test", Actor.SYSTEM).token());
    }

    record Member(UserAccount account, String token) {
        String username() {
            return account.username();
        }
    }

    // ------------------------------------------------------------------ training

    @Test
    void anInvestigatorWhoseTrainingLapsedIsRefusedWithTheDateItLapsed() {
        Member lapsed = member("lapsed", Role.INVESTIGATOR, 400);

        Api.Response refused = api.get("/api/v1/users/me/permissions/search-detections", lapsed.token());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.json().get("type").asString()).isEqualTo("urn:platewatch:problem:training-lapsed");
        LocalDate lapsedOn = training.today().minusDays(400).plusYears(1).plusDays(1);
        assertThat(refused.json().get("detail").asString()).contains("lapsed on " + lapsedOn);

        assertThatThrownBy(() -> access.requireActive(lapsed.account(), Permission.SEARCH_DETECTIONS))
                .isInstanceOfSatisfying(
                        ProblemException.class, p -> assertThat(p.type()).isEqualTo(MemberAccess.TRAINING_LAPSED));
        assertThatThrownBy(() -> access.requireActive(lapsed.account(), Permission.ACT_ON_ALERTS))
                .isInstanceOfSatisfying(
                        ProblemException.class, p -> assertThat(p.type().slug()).isEqualTo("training-lapsed"));
    }

    @Test
    void trainingLapsesAfterTheProfilesValidityAndRenewalRestoresAccess() {
        Member officer = member("renew", Role.INVESTIGATOR, 300);
        assertThat(api.get("/api/v1/users/me/permissions/SEARCH_DETECTIONS", officer.token())
                        .status())
                .isEqualTo(204);

        ((MutableClock) clock).advance(Duration.ofDays(70)); // Oakland: valid one year; the token lives 90 days
        Api.Response refused = api.get("/api/v1/users/me/permissions/SEARCH_DETECTIONS", officer.token());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("type").asString()).endsWith(":training-lapsed");

        training.record(
                officer.username(),
                new TrainingRecord(training.today(), "ALPR refresher", "Sgt. Trainer"),
                Actor.SYSTEM);
        assertThat(api.get("/api/v1/users/me/permissions/SEARCH_DETECTIONS", officer.token())
                        .status())
                .isEqualTo(204);
    }

    @Test
    void neverTrainedMembersCannotSearchButAdministratorsCanStillManageAccounts() {
        Member admin = member("untrained-admin", Role.ADMINISTRATOR, null);
        Api.Response refused = api.get("/api/v1/users/me/permissions/search-detections", admin.token());
        assertThat(refused.json().get("type").asString()).endsWith(":training-lapsed");
        assertThat(refused.json().get("detail").asString()).contains("No ALPR training is on record");
        assertThat(api.get("/api/v1/users", admin.token()).status()).isEqualTo(200);
    }

    @Test
    void lapsingWithinListsOnlyCurrentTrainingThatEndsSoon() {
        Member soon = member("soon", Role.OFFICER, 350);
        Member fresh = member("fresh", Role.OFFICER, 10);
        Member gone = member("gone", Role.OFFICER, 500);
        List<String> lapsing = training.lapsingWithin(Duration.ofDays(30)).stream()
                .map(UserAccount::username)
                .toList();
        assertThat(lapsing).contains(soon.username()).doesNotContain(fresh.username(), gone.username());

        Member admin = member("trainer", Role.ADMINISTRATOR, 10);
        Api.Response list = api.get("/api/v1/users/training-lapsing?days=30", admin.token());
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains(soon.username()).doesNotContain(fresh.username(), gone.username());
        assertThat(api.get("/api/v1/users/training-lapsing", soon.token()).status())
                .isEqualTo(403);
    }

    // ------------------------------------------------------------------ role boundaries

    @Test
    void anAuditorReadsTheLogButCannotSearchDetections() {
        Member auditor = member("auditor", Role.AUDITOR, 30);

        Api.Response log = api.get("/api/v1/audit/events?size=5", auditor.token());
        assertThat(log.status()).isEqualTo(200);
        assertThat(log.json().get("events").isArray()).isTrue();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_events WHERE action = 'audit.read' AND username = ?")
                        .param(auditor.username())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        Api.Response search = api.get("/api/v1/users/me/permissions/search-detections", auditor.token());
        assertThat(search.status()).isEqualTo(403);
        assertThat(search.json().get("type").asString()).isEqualTo("urn:platewatch:problem:forbidden");
        assertThatThrownBy(() -> access.requireActive(auditor.account(), Permission.SEARCH_DETECTIONS))
                .isInstanceOfSatisfying(
                        ProblemException.class, p -> assertThat(p.type().slug()).isEqualTo("forbidden"));
    }

    @Test
    void anOfficerCannotReachTheAdministratorsUserList() {
        Member officer = member("officer", Role.OFFICER, 10);
        Api.Response r = api.get("/api/v1/users", officer.token());
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.isProblem()).isTrue();
    }

    @Test
    void anAuditorCannotAdministerUsers() {
        Member auditor = member("aud2", Role.AUDITOR, 10);
        assertThat(api.get("/api/v1/users", auditor.token()).status()).isEqualTo(403);
        assertThat(api.postJson(
                                "/api/v1/users",
                                auditor.token(),
                                "{\"username\":\"x" + suffix + "\",\"fullName\":\"X\",\"role\":\"officer\"}")
                        .status())
                .isEqualTo(403);
        assertThat(accounts.findByUsername("x" + suffix)).isEmpty();
    }

    @Test
    void aDeviceTokenCannotReadTheAuditLogOrActAsAMember() {
        String device = devices.register(
                        new DeviceRegistration("cam-" + suffix, DeviceKind.MOBILE, null, null, null), Actor.SYSTEM)
                .token();
        assertThat(api.get("/api/v1/audit/events", device).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/audit/events.csv", device).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/users", device).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/users/me", device).status()).isEqualTo(403);
    }

    @Test
    void anInvestigatorOrSupervisorCannotReadTheAuditLog() {
        assertThat(api.get(
                                "/api/v1/audit/events",
                                member("inv", Role.INVESTIGATOR, 10).token())
                        .status())
                .isEqualTo(403);
        assertThat(api.get(
                                "/api/v1/audit/events.csv",
                                member("sup", Role.SUPERVISOR, 10).token())
                        .status())
                .isEqualTo(403);
    }

    @Test
    void anOfficerMayActOnAlertsButNotApproveHotlistEntries() {
        Member officer = member("patrol", Role.OFFICER, 10);
        assertThat(api.get("/api/v1/users/me/permissions/act-on-alerts", officer.token())
                        .status())
                .isEqualTo(204);
        assertThat(api.get("/api/v1/users/me/permissions/approve-hotlist-entries", officer.token())
                        .status())
                .isEqualTo(403);
        Member supervisor = member("sarge", Role.SUPERVISOR, 10);
        assertThat(api.get("/api/v1/users/me/permissions/approve-hotlist-entries", supervisor.token())
                        .status())
                .isEqualTo(204);
    }

    @Test
    void noCredentialsIsUnauthenticated() {
        assertThat(api.get("/api/v1/users/me", null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/audit/events", null).status()).isEqualTo(401);
    }

    // ------------------------------------------------------------------ CLETS

    @Test
    void cletsDerivedActionsNeedTheAccountsCletsAuthorisation() {
        AdminSession admin = admin();
        Member officer = member("clets", Role.OFFICER, 10);
        Api.Response refused = api.get("/api/v1/users/me/permissions/query-clets", officer.token());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("type").asString()).isEqualTo("urn:platewatch:problem:clets-not-authorised");

        Api.Response granted =
                admin.send("PUT", "/api/v1/users/" + officer.username() + "/clets", "{\"authorised\":true}");
        assertThat(granted.status()).isEqualTo(200);
        assertThat(granted.json().get("cletsAuthorised").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/users/me/permissions/query-clets", officer.token())
                        .status())
                .isEqualTo(204);
        assertThat(auditCount("user.clets-changed", officer.username())).isEqualTo(1);
    }

    // ------------------------------------------------------------------ administration

    @Test
    void anAgencysFirstAdministratorIsNotFoundOutsideHubMode() {
        Api.Response refused = admin().postJson(
                        "/api/v1/hub/agencies/2/administrators",
                        "{\"username\":\"chief-%s\",\"fullName\":\"Chief\"}".formatted(suffix));
        assertThat(refused.status()).as(refused.body()).isEqualTo(404);
        assertThat(accounts.findByUsername("chief-" + suffix)).isEmpty();
    }

    @Test
    void anAdministratorCreatesAnAccountAndGetsOnlyItsOneTimePasswordOnce() {
        AdminSession admin = admin();
        String username = "new-" + suffix;
        Api.Response created = admin.postJson("/api/v1/users", """
                {"username":"%s","fullName":"New Investigator","role":"investigator","cletsAuthorised":true,
                 "jobClassification":"Officer",
                 "training":{"completedOn":"%s","course":"ALPR 101","trainer":"Sgt. Gomez"}}
                """.formatted(username, training.today()));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("oneTimePassword").asString()).hasSize(16);
        assertThat(created.json().has("otpauthUri"))
                .as("the holder enrols their own second factor")
                .isFalse();
        assertThat(created.body()).doesNotContain("otpauth", "secret=");
        assertThat(jdbc.sql("SELECT totp_secret FROM users WHERE username = ?")
                        .param(username)
                        .query(String.class)
                        .optional())
                .isEmpty();
        assertThat(created.json().get("account").get("secondFactorEnrolled").asBoolean())
                .isFalse();
        assertThat(created.json().get("account").get("trainingCurrent").asBoolean())
                .isTrue();
        assertThat(created.json().get("account").toString()).doesNotContain("password_hash", "totp_secret");
        assertThat(auditCount("user.created", username)).isEqualTo(1);
        assertThat(auditCount("training.recorded", username)).isEqualTo(1);

        Api.Response listed = api.get("/api/v1/users", admin.token());
        assertThat(listed.body()).contains(username).doesNotContain("otpauth");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_events WHERE action = 'user.listed' AND username = ?")
                        .param(admin.username())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aUserNameTakenByAConcurrentCreationIsAConflictNotAServerError() throws Exception {
        String username = "twin-" + suffix;
        CountDownLatch inserted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        TransactionTemplate other = new TransactionTemplate(transactions);
        // Another creation of the same name, not yet committed: the precheck cannot see it.
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> other.executeWithoutResult(status -> {
            jdbc.sql("INSERT INTO users (id, username, full_name, role, password_hash, created_at, created_by) "
                            + "VALUES (?, ?, 'Twin', 'OFFICER', 'x', now(), 'test')")
                    .params(UUID.randomUUID(), username)
                    .update();
            inserted.countDown();
            await(release);
        }));
        await(inserted);
        CompletableFuture<UserAccount> second = CompletableFuture.supplyAsync(() -> accounts.create(
                new UserAccounts.NewUser(username, "Twin", Role.OFFICER, false, null),
                "correct horse battery",
                Actor.SYSTEM));
        // Commit the first only once the second waits on its row, so that the race is the one tested.
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (jdbc.sql(
                                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                                        + "AND query LIKE 'INSERT INTO users (id, username, full_name, role, password_hash, clets%'")
                        .query(Long.class)
                        .single()
                == 0) {
            assertThat(System.nanoTime())
                    .as("the second creation waits on the first's row")
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
        release.countDown();
        first.get(10, TimeUnit.SECONDS);

        assertThatThrownBy(() -> second.get(10, TimeUnit.SECONDS))
                .cause()
                .isInstanceOfSatisfying(
                        ProblemException.class, p -> assertThat(p.type()).isEqualTo(ProblemType.CONFLICT));
        assertThat(jdbc.sql("SELECT count(*) FROM users WHERE username = ?")
                        .param(username)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_events WHERE action = 'user.created' AND subject = ?")
                        .param("user:" + username)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(20, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aJobClassificationOutsideThePolicyIsRefused() {
        AdminSession admin = admin();
        Api.Response refused = admin.postJson("/api/v1/users", """
                {"username":"cls-%s","fullName":"Someone","role":"officer","jobClassification":"Volunteer"}
                """.formatted(suffix));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("detail").asString()).contains("Parking enforcement");
        assertThat(accounts.findByUsername("cls-" + suffix)).isEmpty();
    }

    @Test
    void roleChangesTrainingUnlockAndDisableAreAuditedAndTakeEffectAtOnce() {
        AdminSession admin = admin();
        Member officer = member("promote", Role.OFFICER, 10);
        assertThat(api.get("/api/v1/users/me/permissions/review-alerts", officer.token())
                        .status())
                .isEqualTo(403);

        Api.Response promoted =
                admin.send("PUT", "/api/v1/users/" + officer.username() + "/role", "{\"role\":\"supervisor\"}");
        assertThat(promoted.status()).isEqualTo(200);
        assertThat(api.get("/api/v1/users/me/permissions/review-alerts", officer.token())
                        .status())
                .isEqualTo(204);

        Api.Response designee = admin.send(
                "PUT", "/api/v1/users/" + officer.username() + "/role", "{\"role\":\"officer\",\"designee\":true}");
        assertThat(designee.status()).isEqualTo(400);

        Api.Response trained = admin.postJson(
                "/api/v1/users/" + officer.username() + "/training",
                "{\"completedOn\":\"" + training.today() + "\",\"course\":\"Refresher\",\"trainer\":\"Lt. Ng\"}");
        assertThat(trained.status()).isEqualTo(200);
        Api.Response future = admin.postJson(
                "/api/v1/users/" + officer.username() + "/training",
                "{\"completedOn\":\"" + training.today().plusDays(3) + "\",\"course\":\"X\",\"trainer\":\"Y\"}");
        assertThat(future.status()).isEqualTo(400);

        assertThat(admin.postJson("/api/v1/users/" + officer.username() + "/unlock", null)
                        .status())
                .isEqualTo(200);
        assertThat(admin.postJson("/api/v1/users/" + officer.username() + "/disable", null)
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/users/me", officer.token()).status()).isEqualTo(401);
        assertThat(admin.postJson("/api/v1/users/" + admin.username() + "/disable", null)
                        .status())
                .isEqualTo(409);

        for (String action : List.of("user.role-changed", "training.recorded", "user.unlocked", "user.disabled")) {
            assertThat(auditCount(action, officer.username())).as(action).isGreaterThanOrEqualTo(1);
        }
        assertThat(jdbc.sql("SELECT username FROM audit_events WHERE action = 'user.disabled' AND subject = ?")
                        .param("user:" + officer.username())
                        .query(String.class)
                        .single())
                .isEqualTo(admin.username());
    }

    // ------------------------------------------------------------------ personal tokens and second factor

    @Test
    void aMemberIssuesListsAndRevokesTheirOwnTokens() {
        Member me = member("tokens", Role.INVESTIGATOR, 10);
        // Issuing over the API needs a console session and re-authentication (SignInTest); here the service.
        PersonalTokens.IssuedToken issued = tokens.issue(
                me.username(), "laptop", Duration.ofDays(7), me.account().actor());
        String token = issued.token();
        String id = issued.id().toString();
        assertThat(token).startsWith("pwu_");
        assertThat(api.get("/api/v1/users/me", token).json().get("username").asString())
                .isEqualTo(me.username());

        Api.Response list = api.get("/api/v1/users/me/tokens", token);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("laptop").doesNotContain(token);
        assertThat(jdbc.sql("SELECT count(*) FROM api_tokens WHERE encode(token_sha256, 'escape') LIKE '%pwu_%'")
                        .query(Long.class)
                        .single())
                .isZero();

        assertThatThrownBy(() -> tokens.issue(
                        me.username(),
                        "forever",
                        Duration.ofDays(4000),
                        me.account().actor()))
                .isInstanceOf(ProblemException.class)
                .hasMessageContaining("expiresInDays");

        assertThat(send(me.token(), "DELETE", "/api/v1/users/me/tokens/" + id, null)
                        .status())
                .isEqualTo(204);
        assertThat(api.get("/api/v1/users/me", token).status()).isEqualTo(401);
        assertThat(auditCount("user.token-issued", me.username())).isEqualTo(2);
        assertThat(auditCount("user.token-revoked", me.username())).isEqualTo(1);

        ((MutableClock) clock).advance(Duration.ofDays(91)); // the default lifetime is 90 days
        assertThat(api.get("/api/v1/users/me", me.token()).status()).isEqualTo(401);
    }

    @Test
    void aPersonalTokenCannotIssueTokensOrReplaceTheSecondFactor() {
        Member me = member("leaked", Role.INVESTIGATOR, 10);
        String secret = accounts.signInRecord(me.username()).orElseThrow().totpSecret();
        String code = secondFactor.currentCode(secret);
        Api.Response mint = api.postJson(
                "/api/v1/users/me/tokens",
                me.token(),
                "{\"name\":\"backdoor\",\"currentPassword\":\"correct horse battery\",\"code\":\"" + code + "\"}");
        assertThat(mint.status()).isEqualTo(403);
        assertThat(mint.isProblem()).isTrue();
        assertThat(mint.json().get("type").asString()).isEqualTo("urn:platewatch:problem:session-required");
        Api.Response enrol = api.postJson(
                "/api/v1/users/me/second-factor",
                me.token(),
                "{\"currentPassword\":\"correct horse battery\",\"code\":\"" + code + "\"}");
        assertThat(enrol.status()).isEqualTo(403);
        assertThat(enrol.json().get("type").asString()).isEqualTo("urn:platewatch:problem:session-required");

        assertThat(tokens.of(me.username())).hasSize(1);
        assertThat(accounts.signInRecord(me.username()).orElseThrow().totpSecret())
                .isEqualTo(secret);
        assertThat(auditCount("user.token-issued", me.username())).isEqualTo(1);
        assertThat(auditCount("user.second-factor-enrolled", me.username())).isZero();
    }

    @Test
    void guessingThePasswordWithAPersonalTokenLocksTheAccount() {
        Member me = member("guessed", Role.OFFICER, 10);
        for (int i = 1; i <= 4; i++) {
            assertThat(api.postJson(
                                    "/api/v1/users/me/password",
                                    me.token(),
                                    "{\"currentPassword\":\"guess " + i
                                            + "\",\"newPassword\":\"a much longer secret\"}")
                            .status())
                    .isEqualTo(400);
        }
        Api.Response fifth = api.postJson(
                "/api/v1/users/me/password",
                me.token(),
                "{\"currentPassword\":\"guess 5\",\"newPassword\":\"a much longer secret\"}");
        assertThat(fifth.status()).isEqualTo(403);
        assertThat(fifth.json().get("type").asString()).isEqualTo("urn:platewatch:problem:account-locked");
        assertThat(accounts.findByUsername(me.username()).orElseThrow().locked())
                .isTrue();
        assertThat(api.get("/api/v1/users/me", me.token()).status()).isEqualTo(401);
        assertThat(auditCount("user.locked", me.username())).isEqualTo(1);
    }

    @Test
    void anAdministratorReplacesALostSecondFactor() {
        Member me = member("totp", Role.OFFICER, 10);

        AdminSession admin = admin();
        Api.Response reset = admin.postJson("/api/v1/users/" + me.username() + "/second-factor", null);
        assertThat(reset.status()).isEqualTo(200);
        assertThat(reset.json().get("otpauthUri").asString()).startsWith("otpauth://totp/");
        assertThat(api.postJson("/api/v1/users/" + admin.username() + "/second-factor", me.token(), "")
                        .status())
                .isEqualTo(403);
        Api.Response own = admin.postJson("/api/v1/users/" + admin.username() + "/second-factor", null);
        assertThat(own.status())
                .as("not one's own: that needs the password and a code")
                .isEqualTo(409);
        assertThat(jdbc.sql("SELECT username FROM audit_events WHERE action = 'user.second-factor-enrolled' "
                                + "AND subject = ? ORDER BY id DESC LIMIT 1")
                        .param("user:" + me.username())
                        .query(String.class)
                        .single())
                .isEqualTo(admin.username());
    }

    @Test
    void consoleSessionsExpireAfterThirtyMinutesIdle() {
        assertThat(environment.getProperty("server.servlet.session.timeout", Duration.class))
                .isEqualTo(Duration.ofMinutes(30));
    }

    // ------------------------------------------------------------------ re-authenticated administration

    AdminSession admin() {
        return AdminSession.signIn(port, accounts, tokens, clock);
    }

    @Test
    void anAdministratorsPersonalTokenCannotCreateAnAccountEvenWithThePasswordAndCode() {
        AdminSession admin = admin();
        String username = "token-made-" + suffix;
        String body = AdminSession.confirmed(
                "{\"username\":\"" + username + "\",\"fullName\":\"Backdoor\"," + "\"role\":\"administrator\"}",
                admin.member().password(),
                admin.member().currentCode());
        Api.Response refused = api.postJson("/api/v1/users", admin.token(), body);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.json().get("type").asString()).isEqualTo("urn:platewatch:problem:reauthentication-required");
        assertThat(accounts.findByUsername(username)).isEmpty();
        assertThat(auditCount("user.created", username)).isZero();

        // nor any other administrative write: role, CLETS, training, second factor, unlock, devices, hot lists
        Member officer = member("target", Role.OFFICER, 10);
        String u = "/api/v1/users/" + officer.username();
        for (Api.Response r : List.of(
                send(admin.token(), "PUT", u + "/role", "{\"role\":\"administrator\"}"),
                send(admin.token(), "PUT", u + "/clets", "{\"authorised\":true}"),
                api.postJson(
                        u + "/training",
                        admin.token(),
                        "{\"completedOn\":\"" + training.today() + "\",\"course\":\"C\",\"trainer\":\"T\"}"),
                api.postJson(u + "/second-factor", admin.token(), ""),
                api.postJson(u + "/disable", admin.token(), ""),
                api.postJson("/api/v1/devices", admin.token(), "{\"name\":\"rogue\",\"kind\":\"MOBILE\"}"),
                api.postJson(
                        "/api/v1/hotlists",
                        admin.token(),
                        "{\"hotlist\":{\"code\":\"rogue\",\"name\":\"R\","
                                + "\"sourceKind\":\"NCIC\",\"format\":\"CSV\"}}"))) {
            assertThat(r.status()).as(r.body()).isEqualTo(403);
            assertThat(r.json().get("type").asString()).endsWith(":reauthentication-required");
        }
        UserAccount after = accounts.findByUsername(officer.username()).orElseThrow();
        assertThat(after.role()).isEqualTo(Role.OFFICER);
        assertThat(after.cletsAuthorised()).isFalse();
        assertThat(after.enabled()).isTrue();
        assertThat(jdbc.sql("SELECT count(*) FROM devices WHERE name = 'rogue'")
                        .query(Long.class)
                        .single())
                .isZero();
        // reading stays open to the token
        assertThat(api.get("/api/v1/users", admin.token()).status()).isEqualTo(200);
    }

    @Test
    void aWrongCodeOrPasswordIsRefusedAuditedAndChangesNothing() {
        AdminSession admin = admin();
        String username = "wrong-code-" + suffix;
        String json = "{\"username\":\"" + username + "\",\"fullName\":\"X\",\"role\":\"officer\"}";
        Api.Response wrongCode =
                admin.sendWith("POST", "/api/v1/users", json, admin.member().password(), "000000");
        assertThat(wrongCode.status()).isEqualTo(403);
        assertThat(wrongCode.json().get("type").asString())
                .isEqualTo("urn:platewatch:problem:holder-confirmation-failed");
        Api.Response noCode =
                admin.sendWith("POST", "/api/v1/users", json, admin.member().password(), null);
        assertThat(noCode.status()).isEqualTo(403);
        Api.Response wrongPassword = admin.sendWith(
                "POST", "/api/v1/users", json, "not my password", admin.member().currentCode());
        assertThat(wrongPassword.status()).isEqualTo(403);
        assertThat(accounts.findByUsername(username)).isEmpty();
        assertThat(jdbc.sql("SELECT terms FROM audit_events WHERE action = 'user.sign-in-failed' AND subject = ? "
                                + "ORDER BY id")
                        .param("user:" + admin.username())
                        .query(String.class)
                        .list())
                .hasSize(3)
                .anySatisfy(t -> assertThat(t).contains("confirmation-wrong-code"))
                .anySatisfy(t -> assertThat(t).contains("confirmation-missing-code"))
                .anySatisfy(t -> assertThat(t).contains("confirmation-wrong-password"));

        Api.Response right = admin.postJson("/api/v1/users", json);
        assertThat(right.status()).as(right.body()).isEqualTo(201);
        assertThat(accounts.findByUsername(username)).isPresent();
    }

    @Test
    void anAdministratorCannotRecordTheirOwnTrainingOrGrantThemselvesClets() {
        AdminSession admin = admin();
        String self = "/api/v1/users/" + admin.username();
        Api.Response training = admin.postJson(
                self + "/training",
                "{\"completedOn\":\"" + this.training.today() + "\",\"course\":\"Self-taught\",\"trainer\":\"Me\"}");
        assertThat(training.status()).isEqualTo(403);
        assertThat(training.json().get("type").asString())
                .isEqualTo("urn:platewatch:problem:own-account-change-refused");
        Api.Response clets = admin.send("PUT", self + "/clets", "{\"authorised\":true}");
        assertThat(clets.status()).isEqualTo(403);
        assertThat(clets.json().get("type").asString()).isEqualTo("urn:platewatch:problem:own-account-change-refused");

        assertThat(this.training.of(admin.username())).hasSize(1); // only the one it was created with
        assertThat(accounts.findByUsername(admin.username()).orElseThrow().cletsAuthorised())
                .isFalse();
        assertThat(auditCount("user.clets-changed", admin.username())).isZero();
    }

    @Test
    void aMemberWhoHasNotReplacedTheOneTimePasswordGetsNoApiButTheChange() {
        UserAccounts.NewAccount created = accounts.createWithCredentials(
                new UserAccounts.NewUser("fresh-" + suffix, "Fresh Member", Role.INVESTIGATOR, false, training.today()),
                Actor.SYSTEM);
        String token = tokens.issue(created.account().username(), "early", Actor.SYSTEM)
                .token();
        Api.Response refused = api.get("/api/v1/users/me/tokens", token);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("type").asString()).isEqualTo("urn:platewatch:problem:password-change-required");
        assertThat(api.get("/api/v1/hotlists", token).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/users/me", token).status()).isEqualTo(200);
    }

    @Test
    void totpSecretsAreStoredEncryptedAndSignInWithACodeStillWorks() {
        Member me = member("cipher", Role.OFFICER, 10);
        String secret = accounts.signInRecord(me.username()).orElseThrow().totpSecret();
        String stored = jdbc.sql("SELECT totp_secret FROM users WHERE username = ?")
                .param(me.username())
                .query(String.class)
                .single();
        assertThat(secret).matches("[A-Z2-7]{32}");
        assertThat(stored).startsWith("aesgcm1:").doesNotContain(secret);
        assertThat(jdbc.sql("SELECT count(*) FROM users WHERE totp_secret ~ '^[A-Z2-7]{16,}$'")
                        .query(Long.class)
                        .single())
                .isZero();
        SessionClient browser = new SessionClient(port);
        assertThat(browser.signIn(me.username(), "correct horse battery", secondFactor.currentCode(secret))
                        .headers()
                        .firstValue("Location")
                        .orElse(""))
                .doesNotContain("error");
        assertThat(browser.get("/api/v1/users/me").statusCode()).isEqualTo(200);

        // a database from before encryption: the clear secret is encrypted on start and still signs in
        jdbc.sql("UPDATE users SET totp_secret = ?, totp_last_step = NULL WHERE username = ?")
                .params(secret, me.username())
                .update();
        secretsAtRest.run(null);
        String migrated = jdbc.sql("SELECT totp_secret FROM users WHERE username = ?")
                .param(me.username())
                .query(String.class)
                .single();
        assertThat(migrated).startsWith("aesgcm1:").doesNotContain(secret);
        assertThat(accounts.signInRecord(me.username()).orElseThrow().totpSecret())
                .isEqualTo(secret);
        ((MutableClock) clock).advance(Duration.ofSeconds(90)); // a fresh step: the one above was used
        assertThat(new SessionClient(port)
                        .signIn(me.username(), "correct horse battery", secondFactor.currentCode(secret))
                        .headers()
                        .firstValue("Location")
                        .orElse(""))
                .doesNotContain("error");
        // copied onto another account's row, a stored secret does not decrypt (the account id is bound in)
        Member other = member("other", Role.OFFICER, 10);
        jdbc.sql("UPDATE users SET totp_secret = ? WHERE username = ?")
                .params(migrated, other.username())
                .update();
        assertThatThrownBy(() -> accounts.signInRecord(other.username())).isInstanceOf(IllegalStateException.class);
    }

    private long auditCount(String action, String username) {
        return jdbc.sql("SELECT count(*) FROM audit_events WHERE action = ? AND subject = ?")
                .params(action, "user:" + username)
                .query(Long.class)
                .single();
    }

    private Api.Response send(String token, String method, String path, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return api.send(b, token);
    }
}
