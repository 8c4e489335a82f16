package org.platewatch.server.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.platewatch.server.PlatewatchApplication;
import org.platewatch.server.hotlist.HotlistFixtures;
import org.platewatch.server.hotlist.HotlistMatcher;
import org.platewatch.server.ingest.DeviceKind;
import org.platewatch.server.ingest.DeviceRegistration;
import org.platewatch.server.ingest.DeviceRegistry;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.platform.AgencyId;
import org.platewatch.server.platform.AgencyScope;
import org.platewatch.server.platform.DatabaseNotices;
import org.platewatch.server.policy.DepartmentProfile;
import org.platewatch.server.support.AdminSession;
import org.platewatch.server.support.Api;
import org.platewatch.server.support.TestDatabase;
import org.platewatch.server.support.TestDates;
import org.platewatch.server.support.TestPasswordHashing;
import org.platewatch.server.users.PersonalTokens;
import org.platewatch.server.users.Role;
import org.platewatch.server.users.UserAccounts;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A hub in a cluster: two servers in hub mode on one database. An alert raised on one server reaches the live
 * streams on the other through the relay's notice, read back acting for the alert's agency: B's officer connected
 * to the other server gets B's alert, and A's officer there gets A's and not B's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HubClusterAlertRelayTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private ConfigurableApplicationContext one;
    private ConfigurableApplicationContext two;

    @BeforeAll
    void startCluster() throws Exception {
        String databaseUrl = TestDatabase.get().newDatabase();
        Path dataDir = Files.createTempDirectory("platewatch-hub-cluster-test");
        one = start(databaseUrl, dataDir);
        two = start(databaseUrl, dataDir);
        waitFor(
                "both servers listen for notices",
                () -> one.getBean(DatabaseNotices.class).listening()
                        && two.getBean(DatabaseNotices.class).listening());
    }

    @AfterAll
    void stopCluster() {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] {one, two}) {
            if (context != null && context.isActive()) {
                context.close();
            }
        }
    }

    @Test
    void anAlertRaisedOnOneServerReachesItsAgencysOfficersOnTheOtherAlone() throws Exception {
        Api api = new Api(port(one));
        UserAccounts accounts = one.getBean(UserAccounts.class);
        PersonalTokens tokens = one.getBean(PersonalTokens.class);
        Clock clock = one.getBean(Clock.class);
        String adminA =
                HotlistFixtures.member(accounts, tokens, Role.ADMINISTRATOR, false, TestDates.trainedRecently());
        Api.Response registered =
                api.postJson("/api/v1/hub/agencies", adminA, "{\"code\":\"agency-b\",\"name\":\"Agency B\"}");
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        AgencyId b = new AgencyId(registered.json().get("id").asInt());
        String officerA = HotlistFixtures.member(accounts, tokens, Role.OFFICER, true, TestDates.trainedRecently());
        String officerB = AgencyScope.actingFor(
                b, () -> HotlistFixtures.member(accounts, tokens, Role.OFFICER, true, TestDates.trainedRecently()));
        String cameraA = camera(one, "a");
        String cameraB = AgencyScope.actingFor(b, () -> camera(one, "b"));

        AdminSession lists = AdminSession.signIn(port(one), accounts, tokens, clock);
        long list = HotlistFixtures.designate(api, lists, "svs-relay", "CA_DOJ_SVS", "CA_DOJ", null);
        Api.Response imported = HotlistFixtures.upload(
                api,
                port(one),
                "/api/v1/hotlists/" + list + "/imports",
                lists,
                "svs.tbl",
                HotlistFixtures.dojFile(
                        clock,
                        one.getBean(DepartmentProfile.class).zone(),
                        List.<String[]>of(new String[] {"7REL042", "CA"})));
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        waitFor(
                "the other server rebuilt its matcher",
                () -> two.getBean(HotlistMatcher.class).size() == 1);

        try (SseReader ofA = new SseReader(port(two), officerA);
                SseReader ofB = new SseReader(port(two), officerB)) {
            UUID readB = upload(api, clock, cameraB);
            assertThat(ofB.next("alert", WAIT).get("read").get("readId").asString())
                    .isEqualTo(readB.toString());
            UUID readA = upload(api, clock, cameraA);
            assertThat(ofA.next("alert", WAIT).get("read").get("readId").asString())
                    .as("the first alert A's officer gets is A's")
                    .isEqualTo(readA.toString());
        }
    }

    private static UUID upload(Api api, Clock clock, String camera) {
        UUID id = UUID.randomUUID();
        Instant at = clock.instant().minusSeconds(5);
        Api.Response r = api.postJson(
                "/api/v1/reads",
                camera,
                "{\"reads\":[{\"readId\":\"" + id + "\",\"plate\":\"7REL042\",\"state\":\"CA\","
                        + "\"confidence\":0.93,\"capturedAt\":\"" + at + "\"}]}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return id;
    }

    private static String camera(ConfigurableApplicationContext context, String name) {
        return context.getBean(DeviceRegistry.class)
                .register(
                        new DeviceRegistration("relay-cam-" + name, DeviceKind.FIXED, 37.80, -122.27, 90.0),
                        Actor.SYSTEM)
                .token();
    }

    private static ConfigurableApplicationContext start(String databaseUrl, Path dataDir) {
        TestDatabase pg = TestDatabase.get();
        List<String> properties = List.of(
                "server.port=0",
                "platewatch.db.url=" + databaseUrl,
                "platewatch.db.user=" + pg.superUser(),
                "platewatch.db.password=" + (pg.superPassword() == null ? "" : pg.superPassword()),
                "platewatch.db.app-user=" + TestDatabase.APP_ROLE,
                "platewatch.db.app-password=platewatch",
                "platewatch.db.pool-size=8",
                "platewatch.data-dir=" + dataDir,
                "platewatch.cluster.enabled=true",
                "platewatch.hub.enabled=true",
                "platewatch.alert.rematch-interval=1h", // a lost alert must not be covered by the safety net
                "platewatch.retention.purge-at-start=false");
        return new SpringApplicationBuilder(PlatewatchApplication.class)
                .initializers(context -> TestPropertyValues.of(properties).applyTo(context), new TestPasswordHashing())
                .run();
    }

    private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
            Thread.sleep(100);
        }
    }

    private static int port(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }
}
