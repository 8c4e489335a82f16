package org.platewatch.server.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.platewatch.server.hotlist.HotlistFixtures;
import org.platewatch.server.ingest.DeviceKind;
import org.platewatch.server.ingest.DeviceRegistration;
import org.platewatch.server.ingest.DeviceRegistry;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.support.AdminSession;
import org.platewatch.server.support.Api;
import org.platewatch.server.support.MutableClock;
import org.platewatch.server.support.SessionClient;
import org.platewatch.server.support.TestDatabase;
import org.platewatch.server.support.TestDates;
import org.platewatch.server.users.PersonalTokens;
import org.platewatch.server.users.Role;
import org.platewatch.server.users.UserAccounts;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The regional-centre feed between two real servers: San Leandro's, and a second Platewatch server acting as the
 * centre (NCRIC), which issued San Leandro a device credential. Reads posted to the department arrive at the centre
 * once, through a crash between sending a batch and recording it and through a restart of the department's server;
 * once the agreement's last day has passed nothing more is sent.
 */
class RegionalFeedApiTest {

    private static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");

    private final List<ConfigurableApplicationContext> running = new ArrayList<>();

    @Test
    void aFeedDeliversEachReadOnceAcrossACrashAndARestartAndStopsAfterTheAgreementEnds() throws Exception {
        FeedServers.Home centreHome = FeedServers.Home.fresh();
        ConfigurableApplicationContext centre = started(FeedServers.start(centreHome, Clock.systemUTC()));
        String issued = centre.getBean(DeviceRegistry.class)
                .register(
                        new DeviceRegistration("san-leandro-pd-feed", DeviceKind.MOBILE, null, null, null),
                        Actor.SYSTEM)
                .token();
        String ingestUrl = "http://localhost:" + FeedServers.port(centre) + "/api/v1/reads";

        MutableClock clock = new MutableClock();
        FeedServers.Home home = FeedServers.Home.fresh();
        String[] settings = {
            "platewatch.policy.profile=san-leandro",
            "platewatch.sharing.feed.batch-size=3",
            "platewatch.sharing.feed.interval=1h", // the test runs the rounds itself
            "platewatch.sharing.feed.backoff=10ms"
        };
        ConfigurableApplicationContext department = started(FeedServers.start(home, clock, settings));
        Api api = new Api(FeedServers.port(department));
        String admin = member(department, Role.ADMINISTRATOR);
        long ncric = SharingFixtures.agency(
                api, admin, "Northern California Regional Intelligence Center", "REGIONAL_CENTRE", "CA", false);
        LocalDate today = LocalDate.now(clock.withZone(PACIFIC));
        Api.Response recorded = api.postJson(
                "/api/v1/sharing/agreements",
                admin,
                "{\"agencyId\":" + ncric + ",\"mouDate\":\"" + today.minusDays(30) + "\",\"startsOn\":\""
                        + today.minusDays(30) + "\",\"endsOn\":\"" + today
                        + "\",\"scope\":\"All ALPR data (418.5, the NCRIC MOU)\"}");
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
        long agreement = recorded.json().get("id").asLong();
        String feedPath = "/api/v1/sharing/agreements/" + agreement + "/feed";

        // Settings: administrators only, bad input named, the credential never answered or audited.
        assertThat(api.get(feedPath, member(department, Role.SUPERVISOR)).status())
                .isEqualTo(403);
        Api.Response plainHttp = put(api, feedPath, admin, "http://ncric.example.org/api/v1/reads", issued);
        assertThat(plainHttp.status()).isEqualTo(400);
        assertThat(plainHttp.isProblem()).isTrue();
        assertThat(plainHttp.json().get("field").asString()).isEqualTo("ingestUrl");
        Api.Response unreachable = put(api, feedPath, admin, "http://localhost:1/api/v1/reads", issued);
        assertThat(unreachable.status()).as(unreachable.body()).isEqualTo(200);
        assertThat(unreachable.body()).doesNotContain(issued);
        assertThat(unreachable.json().get("credentialSet").asBoolean()).isTrue();
        assertThat(unreachable.json().get("state").asString()).isEqualTo("SENDING");

        SharingFixtures unit = new SharingFixtures(api, department.getBean(DeviceRegistry.class));
        List<UUID> reads = unit.upload(
                clock.instant(), "7ABC101", "7ABC102", "7ABC103", "7ABC104", "7ABC105", "7ABC106", "7ABC107");
        FeedSender sender = department.getBean(FeedSender.class);
        assertThat(sender.sendDue()).as("reads just received settle first").isZero();
        clock.advance(Duration.ofMinutes(3));

        // The centre is unreachable: the batch is tried three times, recorded as undelivered, the mark stays.
        assertThat(sender.sendDue()).isZero();
        JsonNode down = api.get(feedPath, admin).json();
        assertThat(down.get("lastBatch").get("outcome").asString()).isEqualTo("UNDELIVERED");
        assertThat(down.get("lastBatch").get("attempts").asInt()).isEqualTo(3);
        assertThat(down.get("lastError").asString()).contains("unreachable");
        assertThat(down.get("backlog").asLong()).isEqualTo(7);

        // The right address; the credential on file is kept (not sent again).
        Api.Response changed =
                api.putJson(feedPath, admin, "{\"ingestUrl\":\"" + ingestUrl + "\",\"scope\":\"ALL_DETECTIONS\"}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        JdbcClient departmentDb = department.getBean(JdbcClient.class);
        List<String> audited = departmentDb
                .sql(
                        "SELECT terms FROM audit_events WHERE action IN ('sharing.feed-configured', 'sharing.feed-changed')"
                                + " ORDER BY id")
                .query(String.class)
                .list();
        assertThat(audited).hasSize(2).allSatisfy(t -> assertThat(t).doesNotContain(issued));
        assertThat(audited.get(1)).contains("localhost:1").contains(ingestUrl).contains("credential kept");

        // A crash after the centre stored the first batch, before it was recorded here.
        execute(home, """
                CREATE FUNCTION crash_before_recording() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN RAISE EXCEPTION 'the server died before recording the batch'; END $$;
                CREATE TRIGGER crash BEFORE INSERT ON sharing_feed_batches
                    FOR EACH ROW EXECUTE FUNCTION crash_before_recording()""");
        assertThat(sender.sendDue()).isZero();
        assertThat(heldAtCentre(centre, reads))
                .as("the first batch reached the centre")
                .isEqualTo(3);
        execute(home, "DROP TRIGGER crash ON sharing_feed_batches");
        assertThat(api.get(feedPath, admin).json().get("readsSent").asLong()).isZero();

        // The department's server restarts on the same database and data directory, and sends again.
        department.close();
        department = started(FeedServers.start(home, clock, settings));
        api = new Api(FeedServers.port(department));
        assertThat(department.getBean(FeedSender.class).sendDue()).isEqualTo(7);
        assertThat(heldAtCentre(centre, reads)).isEqualTo(7);
        assertThat(centre.getBean(JdbcClient.class)
                        .sql("SELECT count(*) FROM detections WHERE read_id = ANY(?::uuid[])")
                        .param(reads.stream().map(UUID::toString).toArray(String[]::new))
                        .query(Long.class)
                        .single())
                .as("each read once at the centre")
                .isEqualTo(7);
        JsonNode sent = api.get(feedPath, admin).json();
        assertThat(sent.get("readsSent").asLong()).isEqualTo(7);
        assertThat(sent.get("backlog").asLong()).isZero();
        assertThat(sent.get("lastError").isNull()).isTrue();
        assertThat(sent.get("batches").asLong()).isEqualTo(4); // the undelivered one and three delivered
        JsonNode resent = sent.get("recentBatches").get(2); // newest first: 4, 3, 2
        assertThat(resent.get("batchNumber").asInt()).isEqualTo(2);
        assertThat(resent.get("outcome").asString()).isEqualTo("DELIVERED");
        assertThat(resent.get("duplicates").asInt())
                .as("the batch sent before the crash")
                .isEqualTo(3);
        // One upload: one receipt time, so the feed's order within it is the read id's (uuid text order).
        assertThat(resent.get("firstReadId").asString())
                .isEqualTo(
                        reads.stream().map(UUID::toString).sorted().findFirst().orElseThrow());
        assertThat(department
                        .getBean(JdbcClient.class)
                        .sql("SELECT count(*) FROM audit_events WHERE action = 'sharing.feed-batch-sent'")
                        .query(Long.class)
                        .single())
                .isEqualTo(3);

        // One read more on the agreement's last day, then the day passes: nothing more is sent.
        List<UUID> late =
                new SharingFixtures(api, department.getBean(DeviceRegistry.class)).upload(clock.instant(), "7ABC108");
        clock.advance(Duration.ofDays(1).plusMinutes(5));
        new SharingFixtures(api, department.getBean(DeviceRegistry.class)).upload(clock.instant(), "7ABC109");
        assertThat(department.getBean(FeedSender.class).sendDue()).isZero();
        assertThat(heldAtCentre(centre, late)).isZero();
        JsonNode ended = api.get(feedPath, admin).json();
        assertThat(ended.get("state").asString()).isEqualTo("ENDED");
        assertThat(ended.get("readsSent").asLong()).isEqualTo(7);

        // The console: the agreements tab links to the feed's page, which shows where it stands.
        SessionClient console = AdminSession.signIn(
                        FeedServers.port(department),
                        department.getBean(UserAccounts.class),
                        department.getBean(PersonalTokens.class),
                        clock)
                .session();
        assertThat(console.get("/sharing/agreements").body()).contains("/sharing/agreements/" + agreement + "/feed");
        HttpResponse<String> page = console.get("/sharing/agreements/" + agreement + "/feed");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("ENDED")
                .contains("id=\"feed-sent\">7<")
                .contains(ingestUrl)
                .doesNotContain(issued);
    }

    private static Api.Response put(Api api, String path, String token, String url, String credential) {
        return api.putJson(
                path,
                token,
                "{\"ingestUrl\":\"" + url + "\",\"credential\":\"" + credential + "\",\"scope\":\"ALL_DETECTIONS\"}");
    }

    private ConfigurableApplicationContext started(ConfigurableApplicationContext context) {
        running.add(context);
        return context;
    }

    @AfterEach
    void stopServers() {
        running.forEach(ConfigurableApplicationContext::close);
    }

    private static long heldAtCentre(ConfigurableApplicationContext centre, List<UUID> reads) {
        return centre.getBean(JdbcClient.class)
                .sql("SELECT count(*) FROM read_receipts WHERE read_id = ANY(?::uuid[])")
                .param(reads.stream().map(UUID::toString).toArray(String[]::new))
                .query(Long.class)
                .single();
    }

    private static String member(ConfigurableApplicationContext server, Role role) {
        return HotlistFixtures.member(
                server.getBean(UserAccounts.class),
                server.getBean(PersonalTokens.class),
                role,
                false,
                TestDates.trainedRecently());
    }

    private static void execute(FeedServers.Home home, String sql) throws SQLException {
        try (Connection c = TestDatabase.get().superConnection(home.databaseUrl());
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
