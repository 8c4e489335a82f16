package org.platewatch.server.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.platewatch.server.PlatewatchApplication;
import org.platewatch.server.hotlist.HotlistFixtures;
import org.platewatch.server.hotlist.HotlistMatcher;
import org.platewatch.server.ingest.DeviceKind;
import org.platewatch.server.ingest.DeviceRegistration;
import org.platewatch.server.ingest.DeviceRegistry;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.platform.ClusterJobs;
import org.platewatch.server.platform.DatabaseNotices;
import org.platewatch.server.policy.DepartmentProfile;
import org.platewatch.server.reads.DetectionPartitions;
import org.platewatch.server.reads.DetectionSource;
import org.platewatch.server.reads.DetectionStore;
import org.platewatch.server.reads.NewDetection;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.JsonNode;

/**
 * Issue 21, items 1 and 2: two servers on ONE database and one embedded KRaft broker. Reads posted to either server
 * go through the ingest topic and are stored once and alerted once, on consoles connected to either server; a
 * batch delivered again after a crash between the database's commit and the offset's is neither lost nor doubled;
 * a consuming server stopped mid-stream loses and duplicates nothing; scheduled jobs run once per cluster and
 * another server takes a job over when its holder's connection dies. The topic has 4 partitions, each with a camera
 * of its own, and each server's consumer 3 workers: batches of different partitions are stored in parallel, through
 * the stop of a consumer and the join of a third server (a rebalance under load). And the day partitions that both
 * servers create at once are created once, without an error.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIngestAlertApiTest {

    private static final String TOPIC = "platewatch.reads";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int PARTITIONS = 4;

    private EmbeddedKafkaKraftBroker broker;
    private String databaseUrl;
    private ConfigurableApplicationContext a;
    private ConfigurableApplicationContext b;
    private ConfigurableApplicationContext joining;
    private Path dataDir;
    private UUID cameraId;
    /** One camera per partition of the topic (a batch is keyed by its device): the tests use every partition. */
    private final List<String> cameras = new ArrayList<>();

    private SseReader consoleOnA;
    private SseReader consoleOnB;
    private JdbcClient db;
    private final Set<Long> alertsSeenOnA = new HashSet<>();
    private final Set<Long> alertsSeenOnB = new HashSet<>();

    @BeforeAll
    void startCluster() throws Exception {
        broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS, TOPIC);
        broker.afterPropertiesSet();
        databaseUrl = TestDatabase.get().newDatabase();
        dataDir = Files.createTempDirectory("platewatch-cluster-test"); // shared: images and keys
        // One after the other: the first start on a new database creates its first administrator and day partitions.
        a = start(dataDir);
        b = start(dataDir);
        db = a.getBean(JdbcClient.class);
        var registered = a.getBean(DeviceRegistry.class)
                .register(new DeviceRegistration("cluster-cam", DeviceKind.FIXED, 37.80, -122.27, 90.0), Actor.SYSTEM);
        cameraId = registered.device().id();
        cameras.addAll(onePerPartition(registered));
        String officer = HotlistFixtures.member(
                a.getBean(UserAccounts.class),
                a.getBean(PersonalTokens.class),
                Role.OFFICER,
                true,
                TestDates.trainedRecently());
        waitFor(
                "both servers listen for notices",
                () -> a.getBean(DatabaseNotices.class).listening()
                        && b.getBean(DatabaseNotices.class).listening());
        consoleOnA = new SseReader(port(a), officer);
        consoleOnB = new SseReader(port(b), officer);
    }

    private ConfigurableApplicationContext start(Path dataDir) {
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
                "platewatch.kafka.bootstrap=" + broker.getBrokersAsString(),
                "platewatch.kafka.partitions=" + PARTITIONS,
                "platewatch.kafka.consumer-threads=3", // fewer workers than partitions: a worker takes turns
                "platewatch.alert.rematch-interval=1h", // a lost alert must not be covered by the safety net
                "platewatch.retention.purge-at-start=false",
                "logging.level.org.apache.kafka=WARN");
        return new SpringApplicationBuilder(PlatewatchApplication.class)
                .initializers(context -> TestPropertyValues.of(properties).applyTo(context), new TestPasswordHashing())
                .run();
    }

    @AfterAll
    void stopCluster() {
        for (AutoCloseable c : new AutoCloseable[] {consoleOnA, consoleOnB}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // the stream's server may be closed already
            }
        }
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] {a, b, joining}) {
            if (context != null && context.isActive()) {
                context.close();
            }
        }
        if (broker != null) {
            broker.destroy();
        }
    }

    /**
     * Both servers create the detections' day partitions at start and on a late upload; the same days asked for by
     * both at once, from every pooled connection of each, are created once each and none fails. Then the start-up
     * check itself, run by both servers at once, is quiet too.
     */
    @Test
    @Order(0)
    void dayPartitionsAskedForByBothServersAtOnceAreCreatedOnceAndNeitherFails() throws Exception {
        LocalDate first = LocalDate.of(2091, 3, 1);
        int days = 6;
        int callers = 8; // 4 on each server: more than one connection of each pool
        CyclicBarrier together = new CyclicBarrier(callers);
        List<CompletableFuture<List<Boolean>>> calls = new ArrayList<>();
        try {
            for (int c = 0; c < callers; c++) {
                JdbcClient server = (c % 2 == 0 ? a : b).getBean(JdbcClient.class);
                calls.add(CompletableFuture.supplyAsync(() -> {
                    List<Boolean> created = new ArrayList<>();
                    for (int d = 0; d < days; d++) {
                        awaitBarrier(together);
                        created.add(server.sql("SELECT ensure_detection_partition(?)")
                                .param(first.plusDays(d))
                                .query(Boolean.class)
                                .single());
                    }
                    return created;
                }));
            }
            int[] createdPerDay = new int[days];
            for (CompletableFuture<List<Boolean>> call : calls) {
                List<Boolean> created = call.get(60, TimeUnit.SECONDS); // an error in any call fails here
                for (int d = 0; d < days; d++) {
                    createdPerDay[d] += created.get(d) ? 1 : 0;
                }
            }
            assertThat(createdPerDay).as("one caller created each day").containsOnly(1);
            for (int d = 0; d < days; d++) {
                String suffix = first.plusDays(d).toString().replace("-", "");
                assertThat(partitionsNamed("detections", "detections_p" + suffix))
                        .isEqualTo(1);
                assertThat(partitionsNamed("read_receipts", "read_receipts_p" + suffix))
                        .isEqualTo(1);
            }
            assertThat(partitionsNamed("plate_days", "plate_days_p209103")).isEqualTo(1);

            CompletableFuture<Void> onA = CompletableFuture.runAsync(
                    () -> a.getBean(DetectionPartitions.class).createAhead());
            CompletableFuture<Void> onB = CompletableFuture.runAsync(
                    () -> b.getBean(DetectionPartitions.class).createAhead());
            CompletableFuture.allOf(onA, onB).get(30, TimeUnit.SECONDS);
        } finally {
            dropPartitions(first, days);
        }
    }

    private long partitionsNamed(String parent, String name) {
        return db.sql("SELECT count(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                        + " WHERE i.inhparent = ?::regclass AND c.relname = ?")
                .param(parent)
                .param(name)
                .query(Long.class)
                .single();
    }

    /** The far-future days must not stay for the tests after this one (the purge, the sealing). */
    private void dropPartitions(LocalDate first, int days) throws Exception {
        try (Connection c = TestDatabase.get().superConnection(databaseUrl);
                Statement s = c.createStatement()) {
            for (int d = 0; d < days; d++) {
                String suffix = first.plusDays(d).toString().replace("-", "");
                s.execute("DROP TABLE IF EXISTS detections_p" + suffix + ", read_receipts_p" + suffix);
            }
            s.execute("DROP TABLE IF EXISTS plate_days_p209103");
        }
    }

    private static void awaitBarrier(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Order(1)
    void readsPostedToEitherServerAreStoredOnceAndAlertOnceOnConsolesOfBoth() throws Exception {
        importHotlist("7HIT001", "7HIT002", "7HIT003", "7HIT004", "7HIT005", "7HIT006");
        waitFor(
                "the other server rebuilt its matcher from the notice",
                () -> b.getBean(HotlistMatcher.class).size() == 6);

        List<UUID> reads = new ArrayList<>();
        reads.addAll(post(a, cameras.get(0), "7HIT001", "6MISS01"));
        reads.addAll(post(b, cameras.get(1), "7HIT002", "6MISS02"));
        reads.addAll(post(a, cameras.get(2), "6MISS03", "6MISS04"));
        List<UUID> resent = post(b, cameras.get(3), "7HIT003", "6MISS05");
        reads.addAll(resent);
        Api.Response again = upload(a, cameras.get(3), resent.get(0), "7HIT003", resent.get(1), "6MISS05");
        assertThat(again.status()).as(again.body()).isEqualTo(200);

        waitFor("every read stored", () -> stored(reads) == reads.size());
        expectAlerts(3);
        assertThat(stored(reads)).isEqualTo(8);
        assertThat(alertsOn(reads))
                .as("one alert per hit, whatever server took or stored it")
                .isEqualTo(3);
    }

    @Test
    @Order(2)
    void aBatchDeliveredAgainAfterACrashBetweenTheDatabaseCommitAndTheOffsetIsNeitherLostNorDoubled() throws Exception {
        UUID hit = UUID.randomUUID();
        UUID miss = UUID.randomUUID();
        Instant captured = Instant.now().minusSeconds(5);
        List<NewDetection> batch = List.of(read(hit, "7HIT004", captured), read(miss, "6MISS06", captured));
        // The consumer stored the batch and died before matching it and before committing the offset ...
        a.getBean(DetectionStore.class).storeAccepted(cameraId, batch, null, Instant.now());
        assertThat(alertsOn(List.of(hit))).isZero();
        // ... so the broker gives the batch again, to whichever server owns the partition now; and once more.
        String message = message(batch);
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(TOPIC, cameraId.toString(), message))
                    .get();
            producer.send(new ProducerRecord<>(TOPIC, cameraId.toString(), message))
                    .get();
        }
        expectAlerts(1);
        assertThat(stored(List.of(hit, miss))).isEqualTo(2);
        assertThat(alertsOn(List.of(hit))).as("raised on the redelivery, once").isEqualTo(1);
    }

    @Test
    @Order(3)
    void aScheduledPurgeRunsOnceAcrossTheClusterAndAJobWhoseHolderDiesIsTakenOver() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<Boolean> onA = CompletableFuture.supplyAsync(() -> {
            await(go);
            return purgeSchedule(a).runOnceInCluster();
        });
        CompletableFuture<Boolean> onB = CompletableFuture.supplyAsync(() -> {
            await(go);
            return purgeSchedule(b).runOnceInCluster();
        });
        go.countDown();
        assertThat(List.of(onA.get(30, TimeUnit.SECONDS), onB.get(30, TimeUnit.SECONDS)))
                .as("one server purges, the other skips")
                .containsExactlyInAnyOrder(true, false);
        assertThat(purgeSchedule(a).runOnceInCluster())
                .as("not twice for one scheduled time")
                .isFalse();
        assertThat(db.sql("SELECT count(*) FROM cluster_jobs WHERE job = 'retention-purge'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        // A holder that dies mid-run: its connection ends, the claim rolls back, the next server runs the job.
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Boolean> dying = CompletableFuture.supplyAsync(
                () -> a.getBean(ClusterJobs.class).runOncePer("cluster-test", Duration.ofHours(1), () -> {
                    holding.countDown();
                    await(release);
                }));
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        ClusterJobs onOther = b.getBean(ClusterJobs.class);
        assertThat(onOther.runOncePer("cluster-test", Duration.ofHours(1), () -> {}))
                .as("held by the other server")
                .isFalse();
        terminateTheAdvisoryLockHolder();
        release.countDown();
        assertThat(dying.handle((ran, failed) -> failed != null).get(10, TimeUnit.SECONDS))
                .as("the dead holder's run did not commit")
                .isTrue();
        assertThat(onOther.runOncePer("cluster-test", Duration.ofHours(1), () -> {}))
                .as("taken over")
                .isTrue();
        assertThat(onOther.runOncePer("cluster-test", Duration.ofHours(1), () -> {}))
                .isFalse();
    }

    @Test
    @Order(4)
    void aConsumingServerStoppedMidStreamLosesAndDuplicatesNothing() throws Exception {
        List<UUID> reads = new ArrayList<>();
        CompletableFuture<Void> stopped = null;
        for (int i = 0; i < 30; i++) {
            reads.addAll(post(
                    a,
                    cameras.get(i % PARTITIONS),
                    i % 10 == 0 ? "7HIT00" + (5 + i / 20) : "5PLT" + (100 + i),
                    "4PLT" + (100 + i)));
            if (i == 8) {
                // B stops while batches are being consumed; A's consumer takes B's partitions over.
                stopped = CompletableFuture.runAsync(b::close);
            }
        }
        assertThat(stopped).isNotNull();
        stopped.get(60, TimeUnit.SECONDS);
        waitFor("every read stored", () -> stored(reads) == reads.size());
        assertThat(stored(reads)).isEqualTo(60);
        // Reads 0 and 10 hit 7HIT005, read 20 hits 7HIT006: two plates, three reads, three alerts.
        waitFor("three alerts", () -> alertsOn(reads) == 3);
        Set<Long> before = Set.copyOf(alertsSeenOnA);
        for (int i = 0; i < 3; i++) {
            alertsSeenOnA.add(consoleOnA.next("alert", WAIT).get("id").asLong());
        }
        assertThat(alertsSeenOnA).hasSize(before.size() + 3);
        Thread.sleep(1000);
        assertThat(consoleOnA.drain()).noneMatch(line -> line.startsWith("event:alert"));
        assertThat(alertsOn(reads)).isEqualTo(3);
    }

    @Test
    @Order(5)
    void aSecondConsumerJoiningMidStreamTakesPartitionsOverWithoutLossOrDuplicate() throws Exception {
        List<UUID> reads = new ArrayList<>();
        CompletableFuture<ConfigurableApplicationContext> starting = null;
        for (int i = 0; i < 40; i++) {
            reads.addAll(post(
                    a, cameras.get(i % PARTITIONS), i % 10 == 3 ? "7HIT001" : "3PLT" + (100 + i), "2PLT" + (100 + i)));
            if (i == 4) {
                // A third server joins the group while A's workers store: the group rebalances under load.
                starting = CompletableFuture.supplyAsync(() -> start(dataDir));
            }
            if (i == 20) {
                assertThat(starting).isNotNull();
                joining = starting.get(120, TimeUnit.SECONDS);
            }
        }
        waitFor("every read stored", () -> stored(reads) == reads.size());
        assertThat(stored(reads)).isEqualTo(80);
        waitFor("four alerts", () -> alertsOn(reads) == 4);
        Set<Long> before = Set.copyOf(alertsSeenOnA);
        for (int i = 0; i < 4; i++) {
            alertsSeenOnA.add(consoleOnA.next("alert", WAIT).get("id").asLong());
        }
        assertThat(alertsSeenOnA).as("each pushed once").hasSize(before.size() + 4);
        Thread.sleep(1000);
        assertThat(consoleOnA.drain()).noneMatch(line -> line.startsWith("event:alert"));
        assertThat(alertsOn(reads)).isEqualTo(4);
        assertThat(db.sql("SELECT count(DISTINCT read_id) = count(*) FROM detections WHERE read_id = ANY(?::uuid[])")
                        .param(reads.stream().map(UUID::toString).toArray(String[]::new))
                        .query(Boolean.class)
                        .single())
                .isTrue();
    }

    /** Registers cameras until every partition of the topic has one (Kafka's own hash of the device id key). */
    private List<String> onePerPartition(org.platewatch.server.ingest.RegisteredDevice first) {
        String[] byPartition = new String[PARTITIONS];
        byPartition[partitionOf(first.device().id())] = first.token();
        DeviceRegistry registry = a.getBean(DeviceRegistry.class);
        for (int n = 0; Arrays.asList(byPartition).contains(null); n++) {
            assertThat(n).as("cameras registered to cover every partition").isLessThan(60);
            var registered = registry.register(
                    new DeviceRegistration("cluster-cam-" + n, DeviceKind.FIXED, 37.80, -122.27, 90.0), Actor.SYSTEM);
            int partition = partitionOf(registered.device().id());
            if (byPartition[partition] == null) {
                byPartition[partition] = registered.token();
            }
        }
        return List.of(byPartition);
    }

    private static int partitionOf(UUID device) {
        return Utils.toPositive(Utils.murmur2(device.toString().getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }

    /** Each console receives exactly this many new alerts, each once, and no more. */
    private void expectAlerts(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            assertThat(alertsSeenOnA.add(
                            consoleOnA.next("alert", WAIT).get("id").asLong()))
                    .isTrue();
            assertThat(alertsSeenOnB.add(
                            consoleOnB.next("alert", WAIT).get("id").asLong()))
                    .isTrue();
        }
        Thread.sleep(1000); // a doubled push would have arrived by now
        assertThat(consoleOnA.drain()).noneMatch(line -> line.startsWith("event:alert"));
        assertThat(consoleOnB.drain()).noneMatch(line -> line.startsWith("event:alert"));
        assertThat(alertsSeenOnA).isEqualTo(alertsSeenOnB);
    }

    private void importHotlist(String... plates) {
        AdminSession admin = AdminSession.signIn(
                port(a), a.getBean(UserAccounts.class), a.getBean(PersonalTokens.class), Clock.systemUTC());
        Api api = new Api(port(a));
        long id = HotlistFixtures.designate(api, admin, "svs-cluster", "CA_DOJ_SVS", "CA_DOJ", null);
        List<String[]> pairs = new ArrayList<>();
        for (String plate : plates) {
            pairs.add(new String[] {plate, "CA"});
        }
        Api.Response r = HotlistFixtures.upload(
                api,
                port(a),
                "/api/v1/hotlists/" + id + "/imports",
                admin,
                "svs.tbl",
                HotlistFixtures.dojFile(
                        Clock.systemUTC(), a.getBean(DepartmentProfile.class).zone(), pairs));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private List<UUID> post(ConfigurableApplicationContext server, String device, String plate1, String plate2) {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        Api.Response r = upload(server, device, first, plate1, second, plate2);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("accepted").asInt()).isEqualTo(2);
        return List.of(first, second);
    }

    private Api.Response upload(
            ConfigurableApplicationContext server, String device, UUID id1, String p1, UUID id2, String p2) {
        String at = Instant.now().minusSeconds(2).toString();
        String json = "{\"reads\":[" + readJson(id1, p1, at) + "," + readJson(id2, p2, at) + "]}";
        return new Api(port(server)).postJson("/api/v1/reads", device, json);
    }

    private static String readJson(UUID id, String plate, String at) {
        return "{\"readId\":\"" + id + "\",\"plate\":\"" + plate + "\",\"state\":\"CA\",\"confidence\":0.93,"
                + "\"capturedAt\":\"" + at + "\"}";
    }

    private static NewDetection read(UUID id, String plate, Instant captured) {
        return new NewDetection(id, plate, "CA", 0.93, captured, 37.80, -122.27, 90.0, null, DetectionSource.DEVICE);
    }

    /** The message as the accepting server writes it (ingest.AcceptedBatch as JSON). */
    private String message(List<NewDetection> batch) {
        JsonNode reads = Api.parse(
                a.getBean(tools.jackson.databind.json.JsonMapper.class).writeValueAsString(batch));
        return "{\"deviceId\":\"" + cameraId + "\",\"receivedAt\":\"" + Instant.now() + "\",\"imageSha256\":null,"
                + "\"reads\":" + reads + "}";
    }

    private KafkaProducer<String, String> producer() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return new KafkaProducer<>(config);
    }

    private long stored(List<UUID> reads) {
        return db.sql("SELECT count(*) FROM detections WHERE read_id = ANY(?::uuid[])")
                .param(reads.stream().map(UUID::toString).toArray(String[]::new))
                .query(Long.class)
                .single();
    }

    private long alertsOn(List<UUID> reads) {
        return db.sql("SELECT count(*) FROM alerts WHERE read_id = ANY(?::uuid[])")
                .param(reads.stream().map(UUID::toString).toArray(String[]::new))
                .query(Long.class)
                .single();
    }

    private static org.platewatch.server.retention.PurgeScheduleAccess purgeSchedule(
            ConfigurableApplicationContext server) {
        return new org.platewatch.server.retention.PurgeScheduleAccess(server);
    }

    private void terminateTheAdvisoryLockHolder() throws Exception {
        try (Connection c = TestDatabase.get().superConnection(databaseUrl);
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory'"
                                + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")) {
            assertThat(rs.next()).as("a holder of an advisory lock").isTrue();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
