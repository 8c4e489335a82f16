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
import org.platewatch.server.support.Api;
import org.platewatch.server.support.MutableClock;
import org.platewatch.server.support.PlatewatchServerTest;
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
        UserAccount account = accounts.create(new UserAccounts.NewUser(username, "Member " + name, role, false,
                trained), "correct horse battery", Actor.SYSTEM);
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
                .isInstanceOfSatisfying(ProblemException.class,
                        p -> assertThat(p.type()).isEqualTo(MemberAccess.TRAINING_LAPSED));
        assertThatThrownBy(() -> access.requireActive(lapsed.account(), Permission.ACT_ON_ALERTS))
                .isInstanceOfSatisfying(ProblemException.class,
                        p -> assertThat(p.type().slug()).isEqualTo("training-lapsed"));
    }

    @Test
    void trainingLapsesAfterTheProfilesValidityAndRenewalRestoresAccess() {
        Member officer = member("renew", Role.INVESTIGATOR, 300);
        assertThat(api.get("/api/v1/users/me/permissions/SEARCH_DETECTIONS", officer.token()).status()).isEqualTo(204);

        ((MutableClock) clock).advance(Duration.ofDays(70)); // Oakland: valid one year; the token lives 90 days
        Api.Response refused = api.get("/api/v1/users/me/permissions/SEARCH_DETECTIONS", officer.token());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("type").asString()).endsWith(":training-lapsed");

        training.record(officer.username(),
                new TrainingRecord(training.today(), "ALPR refresher", "Sgt. Trainer"), Actor.SYSTEM);
        assertThat(api.get("/api/v1/users/me/permissions/SEARCH_DETECTIONS", officer.token()).status()).isEqualTo(204);
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
        List<String> lapsing = training.lapsingWithin(Duration.ofDays(30)).stream().map(UserAccount::username)
                .toList();
        assertThat(lapsing).contains(soon.username()).doesNotContain(fresh.username(), gone.username());

        Member admin = member("trainer", Role.ADMINISTRATOR, 10);
        Api.Response list = api.get("/api/v1/users/training-lapsing?days=30", admin.token());
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains(soon.username()).doesNotContain(fresh.username(), gone.username());
        assertThat(api.get("/api/v1/users/training-lapsing", soon.token()).status()).isEqualTo(403);
    }

    // ------------------------------------------------------------------ role boundaries

    @Test
    void anAuditorReadsTheLogButCannotSearchDetections() {
        Member auditor = member("auditor", Role.AUDITOR, 30);

        Api.Response log = api.get("/api/v1/audit/events?size=5", auditor.token());
        assertThat(log.status()).isEqualTo(200);
        assertThat(log.json().get("events").isArray()).isTrue();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_events WHERE action = 'audit.read' AND username = ?")
                .param(auditor.username()).query(Long.class).single()).isEqualTo(1);

        Api.Response search = api.get("/api/v1/users/me/permissions/search-detections", auditor.token());
        assertThat(search.status()).isEqualTo(403);
        assertThat(search.json().get("type").asString()).isEqualTo("urn:platewatch:problem:forbidden");
        assertThatThrownBy(() -> access.requireActive(auditor.account(), Permission.SEARCH_DETECTIONS))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.type().slug()).isEqualTo("forbidden"));
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
        assertThat(api.postJson("/api/v1/users", auditor.token(),
                "{\"username\":\"x" + suffix + "\",\"fullName\":\"X\",\"role\":\"officer\"}").status()).isEqualTo(403);
        assertThat(accounts.findByUsername("x" + suffix)).isEmpty();
    }

    @Test
    void aDeviceTokenCannotReadTheAuditLogOrActAsAMember() {
        String device = devices.register(new DeviceRegistration("cam-" + suffix, DeviceKind.MOBILE, null, null, null),
                Actor.SYSTEM).token();
        assertThat(api.get("/api/v1/audit/events", device).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/audit/events.csv", device).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/users", device).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/users/me", device).status()).isEqualTo(403);
    }

    @Test
    void anInvestigatorOrSupervisorCannotReadTheAuditLog() {
        assertThat(api.get("/api/v1/audit/events", member("inv", Role.INVESTIGATOR, 10).token()).status())
                .isEqualTo(403);
        assertThat(api.get("/api/v1/audit/events.csv", member("sup", Role.SUPERVISOR, 10).token()).status())
                .isEqualTo(403);
    }

    @Test
    void anOfficerMayActOnAlertsButNotApproveHotlistEntries() {
        Member officer = member("patrol", Role.OFFICER, 10);
        assertThat(api.get("/api/v1/users/me/permissions/act-on-alerts", officer.token()).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/users/me/permissions/approve-hotlist-entries", officer.token()).status())
                .isEqualTo(403);
        Member supervisor = member("sarge", Role.SUPERVISOR, 10);
        assertThat(api.get("/api/v1/users/me/permissions/approve-hotlist-entries", supervisor.token()).status())
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
        Member admin = member("admin", Role.ADMINISTRATOR, 10);
        Member officer = member("clets", Role.OFFICER, 10);
        Api.Response refused = api.get("/api/v1/users/me/permissions/query-clets", officer.token());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("type").asString()).isEqualTo("urn:platewatch:problem:clets-not-authorised");

        Api.Response granted = send(admin.token(), "PUT", "/api/v1/users/" + officer.username() + "/clets",
                "{\"authorised\":true}");
        assertThat(granted.status()).isEqualTo(200);
        assertThat(granted.json().get("cletsAuthorised").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/users/me/permissions/query-clets", officer.token()).status()).isEqualTo(204);
        assertThat(auditCount("user.clets-changed", officer.username())).isEqualTo(1);
    }

    // ------------------------------------------------------------------ administration

    @Test
    void anAdministratorCreatesAnAccountAndGetsItsCredentialsOnce() {
        Member admin = member("boss", Role.ADMINISTRATOR, 10);
        String username = "new-" + suffix;
        Api.Response created = api.postJson("/api/v1/users", admin.token(), """
                {"username":"%s","fullName":"New Investigator","role":"investigator","cletsAuthorised":true,
                 "jobClassification":"Officer",
                 "training":{"completedOn":"%s","course":"ALPR 101","trainer":"Sgt. Gomez"}}
                """.formatted(username, training.today()));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("oneTimePassword").asString()).hasSize(16);
        assertThat(created.json().get("otpauthUri").asString()).startsWith("otpauth://totp/");
        assertThat(created.json().get("account").get("trainingCurrent").asBoolean()).isTrue();
        assertThat(created.json().get("account").toString()).doesNotContain("password_hash", "totp_secret");
        assertThat(auditCount("user.created", username)).isEqualTo(1);
        assertThat(auditCount("training.recorded", username)).isEqualTo(1);

        Api.Response listed = api.get("/api/v1/users", admin.token());
        assertThat(listed.body()).contains(username).doesNotContain("otpauth");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_events WHERE action = 'user.listed' AND username = ?")
                .param(admin.username()).query(Long.class).single()).isEqualTo(1);
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
                    + "VALUES (?, ?, 'Twin', 'OFFICER', 'x', now(), 'test')").params(UUID.randomUUID(), username)
                    .update();
            inserted.countDown();
            await(release);
        }));
        await(inserted);
        CompletableFuture<UserAccount> second = CompletableFuture.supplyAsync(() -> accounts.create(
                new UserAccounts.NewUser(username, "Twin", Role.OFFICER, false, null), "correct horse battery",
                Actor.SYSTEM));
        // Commit the first only once the second waits on its row, so that the race is the one tested.
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (jdbc.sql("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                + "AND query LIKE 'INSERT INTO users (id, username, full_name, role, password_hash, clets%'")
                .query(Long.class).single() == 0) {
            assertThat(System.nanoTime()).as("the second creation waits on the first's row").isLessThan(deadline);
            Thread.sleep(20);
        }
        release.countDown();
        first.get(10, TimeUnit.SECONDS);

        assertThatThrownBy(() -> second.get(10, TimeUnit.SECONDS)).cause().isInstanceOfSatisfying(
                ProblemException.class, p -> assertThat(p.type()).isEqualTo(ProblemType.CONFLICT));
        assertThat(jdbc.sql("SELECT count(*) FROM users WHERE username = ?").param(username).query(Long.class)
                .single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_events WHERE action = 'user.created' AND subject = ?")
                .param("user:" + username).query(Long.class).single()).isZero();
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
        Member admin = member("hr", Role.ADMINISTRATOR, 10);
        Api.Response refused = api.postJson("/api/v1/users", admin.token(), """
                {"username":"cls-%s","fullName":"Someone","role":"officer","jobClassification":"Volunteer"}
                """.formatted(suffix));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("detail").asString()).contains("Parking enforcement");
        assertThat(accounts.findByUsername("cls-" + suffix)).isEmpty();
    }

    @Test
    void roleChangesTrainingUnlockAndDisableAreAuditedAndTakeEffectAtOnce() {
        Member admin = member("chief", Role.ADMINISTRATOR, 10);
        Member officer = member("promote", Role.OFFICER, 10);
        assertThat(api.get("/api/v1/users/me/permissions/search-detections", officer.token()).status()).isEqualTo(403);

        Api.Response promoted = send(admin.token(), "PUT", "/api/v1/users/" + officer.username() + "/role",
                "{\"role\":\"investigator\"}");
        assertThat(promoted.status()).isEqualTo(200);
        assertThat(api.get("/api/v1/users/me/permissions/search-detections", officer.token()).status()).isEqualTo(204);

        Api.Response designee = send(admin.token(), "PUT", "/api/v1/users/" + officer.username() + "/role",
                "{\"role\":\"officer\",\"designee\":true}");
        assertThat(designee.status()).isEqualTo(400);

        Api.Response trained = api.postJson("/api/v1/users/" + officer.username() + "/training", admin.token(),
                "{\"completedOn\":\"" + training.today() + "\",\"course\":\"Refresher\",\"trainer\":\"Lt. Ng\"}");
        assertThat(trained.status()).isEqualTo(200);
        Api.Response future = api.postJson("/api/v1/users/" + officer.username() + "/training", admin.token(),
                "{\"completedOn\":\"" + training.today().plusDays(3) + "\",\"course\":\"X\",\"trainer\":\"Y\"}");
        assertThat(future.status()).isEqualTo(400);

        assertThat(api.postJson("/api/v1/users/" + officer.username() + "/unlock", admin.token(), "").status())
                .isEqualTo(200);
        assertThat(api.postJson("/api/v1/users/" + officer.username() + "/disable", admin.token(), "").status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/users/me", officer.token()).status()).isEqualTo(401);
        assertThat(api.postJson("/api/v1/users/" + admin.username() + "/disable", admin.token(), "").status())
                .isEqualTo(409);

        for (String action : List.of("user.role-changed", "training.recorded", "user.unlocked", "user.disabled")) {
            assertThat(auditCount(action, officer.username())).as(action).isGreaterThanOrEqualTo(1);
        }
        assertThat(jdbc.sql("SELECT username FROM audit_events WHERE action = 'user.disabled' AND subject = ?")
                .param("user:" + officer.username()).query(String.class).single()).isEqualTo(admin.username());
    }

    // ------------------------------------------------------------------ personal tokens and second factor

    @Test
    void aMemberIssuesListsAndRevokesTheirOwnTokens() {
        Member me = member("tokens", Role.INVESTIGATOR, 10);
        // Issuing over the API needs a console session and re-authentication (SignInTest); here the service.
        PersonalTokens.IssuedToken issued = tokens.issue(me.username(), "laptop", Duration.ofDays(7),
                me.account().actor());
        String token = issued.token();
        String id = issued.id().toString();
        assertThat(token).startsWith("pwu_");
        assertThat(api.get("/api/v1/users/me", token).json().get("username").asString()).isEqualTo(me.username());

        Api.Response list = api.get("/api/v1/users/me/tokens", token);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("laptop").doesNotContain(token);
        assertThat(jdbc.sql("SELECT count(*) FROM api_tokens WHERE encode(token_sha256, 'escape') LIKE '%pwu_%'")
                .query(Long.class).single()).isZero();

        assertThatThrownBy(() -> tokens.issue(me.username(), "forever", Duration.ofDays(4000),
                me.account().actor())).isInstanceOf(ProblemException.class).hasMessageContaining("expiresInDays");

        assertThat(send(me.token(), "DELETE", "/api/v1/users/me/tokens/" + id, null).status()).isEqualTo(204);
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
        Api.Response mint = api.postJson("/api/v1/users/me/tokens", me.token(),
                "{\"name\":\"backdoor\",\"currentPassword\":\"correct horse battery\",\"code\":\"" + code + "\"}");
        assertThat(mint.status()).isEqualTo(403);
        assertThat(mint.isProblem()).isTrue();
        assertThat(mint.json().get("type").asString()).isEqualTo("urn:platewatch:problem:session-required");
        Api.Response enrol = api.postJson("/api/v1/users/me/second-factor", me.token(),
                "{\"currentPassword\":\"correct horse battery\",\"code\":\"" + code + "\"}");
        assertThat(enrol.status()).isEqualTo(403);
        assertThat(enrol.json().get("type").asString()).isEqualTo("urn:platewatch:problem:session-required");

        assertThat(tokens.of(me.username())).hasSize(1);
        assertThat(accounts.signInRecord(me.username()).orElseThrow().totpSecret()).isEqualTo(secret);
        assertThat(auditCount("user.token-issued", me.username())).isEqualTo(1);
        assertThat(auditCount("user.second-factor-enrolled", me.username())).isZero();
    }

    @Test
    void guessingThePasswordWithAPersonalTokenLocksTheAccount() {
        Member me = member("guessed", Role.OFFICER, 10);
        for (int i = 1; i <= 4; i++) {
            assertThat(api.postJson("/api/v1/users/me/password", me.token(), "{\"currentPassword\":\"guess " + i
                    + "\",\"newPassword\":\"a much longer secret\"}").status()).isEqualTo(400);
        }
        Api.Response fifth = api.postJson("/api/v1/users/me/password", me.token(),
                "{\"currentPassword\":\"guess 5\",\"newPassword\":\"a much longer secret\"}");
        assertThat(fifth.status()).isEqualTo(403);
        assertThat(fifth.json().get("type").asString()).isEqualTo("urn:platewatch:problem:account-locked");
        assertThat(accounts.findByUsername(me.username()).orElseThrow().locked()).isTrue();
        assertThat(api.get("/api/v1/users/me", me.token()).status()).isEqualTo(401);
        assertThat(auditCount("user.locked", me.username())).isEqualTo(1);
    }

    @Test
    void anAdministratorReplacesALostSecondFactor() {
        Member me = member("totp", Role.OFFICER, 10);

        Member admin = member("helpdesk", Role.ADMINISTRATOR, 10);
        Api.Response reset = api.postJson("/api/v1/users/" + me.username() + "/second-factor", admin.token(), "");
        assertThat(reset.status()).isEqualTo(200);
        assertThat(reset.json().get("otpauthUri").asString()).startsWith("otpauth://totp/");
        assertThat(api.postJson("/api/v1/users/" + admin.username() + "/second-factor", me.token(), "").status())
                .isEqualTo(403);
        Api.Response own = api.postJson("/api/v1/users/" + admin.username() + "/second-factor", admin.token(), "");
        assertThat(own.status()).as("not one's own: that needs the password and a code").isEqualTo(409);
        assertThat(jdbc.sql("SELECT username FROM audit_events WHERE action = 'user.second-factor-enrolled' "
                + "AND subject = ? ORDER BY id DESC LIMIT 1").param("user:" + me.username()).query(String.class)
                .single()).isEqualTo(admin.username());
    }

    @Test
    void consoleSessionsExpireAfterThirtyMinutesIdle() {
        assertThat(environment.getProperty("server.servlet.session.timeout", Duration.class))
                .isEqualTo(Duration.ofMinutes(30));
    }

    private long auditCount(String action, String username) {
        return jdbc.sql("SELECT count(*) FROM audit_events WHERE action = ? AND subject = ?")
                .params(action, "user:" + username).query(Long.class).single();
    }

    private Api.Response send(String token, String method, String path, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        return api.send(b, token);
    }
}
