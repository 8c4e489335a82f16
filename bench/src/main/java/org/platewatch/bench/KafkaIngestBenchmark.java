package org.platewatch.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Issue 21: reads/s through Kafka with one and with two consuming servers, beside the single-server path, in one
 * run on one database. A KRaft broker runs in this process (the embedded broker of the server's cluster tests);
 * three servers run as processes on one data directory (shared keys and image store):
 *
 * <ul>
 *   <li>"single": {@code serve} with its embedded PostgreSQL and no broker, storing each upload before answering
 *       it, as {@link IngestBenchmark} measures it;
 *   <li>"kafka-1": a server on the same database (as an external one) with {@code platewatch.kafka.bootstrap}
 *       set, the group's only consumer;
 *   <li>"kafka-2": kafka-1 and a second such server, both taking uploads (half each, as behind a load balancer)
 *       and both consuming in the one group. The second server is started for these rounds and stopped after
 *       them, so that kafka-1's rounds have one consumer.
 * </ul>
 *
 * <p>Reads/s is the reads stored (counted in {@code read_receipts}) per second from the first POST to the moment
 * the last of them is stored; for the single server that is when the last upload is answered. Rounds alternate
 * (single, kafka-1, kafka-2, single, ...) so machine noise hits all three alike.
 *
 * <pre>bin/platewatch bench-kafka [--rounds N] [--batches N] [--clients N] [--cameras N] [--partitions N]</pre>
 */
public final class KafkaIngestBenchmark {

    private static final Pattern DEVICE_TOKEN = Pattern.compile("(pwd_[A-Za-z0-9_-]+)");
    private static final Duration SETTLE = Duration.ofMinutes(2);

    private final Map<String, Integer> options;
    private final Map<String, List<IngestRound.Result>> results = new LinkedHashMap<>();
    private int window;
    private Instant firstWindow;

    private KafkaIngestBenchmark(Map<String, Integer> options) {
        this.options = options;
        for (String path : List.of("single", "kafka-1", "kafka-2")) {
            results.put(path, new ArrayList<>());
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, Integer> options =
                new LinkedHashMap<>(Map.of("rounds", 2, "batches", 10, "clients", 2, "cameras", 6, "partitions", 12));
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (!options.containsKey(name) || i + 1 >= args.length || !args[i + 1].matches("[1-9][0-9]*")) {
                System.err.println("bench-kafka: expected --rounds, --batches, --clients, --cameras or --partitions"
                        + " with a positive number, got '" + args[i] + "'");
                System.exit(2);
            }
            options.put(name, Integer.parseInt(args[i + 1]));
        }
        new KafkaIngestBenchmark(options).run();
    }

    private void run() throws Exception {
        int partitions = options.get("partitions");
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, partitions, IngestGroup.TOPIC);
        broker.afterPropertiesSet();
        Path dataDir = Files.createTempDirectory("platewatch-kafka-bench");
        List<String> common = List.of("-Xmx1g", "-Dplatewatch.retention.purge-at-start=false");
        try (IngestGroup group = new IngestGroup(broker.getBrokersAsString(), partitions);
                BenchServer single = BenchServer.start(dataDir, "single", common)) {
            String jdbcUrl = "jdbc:postgresql://localhost:" + postgresPort(dataDir) + "/platewatch";
            Properties passwords = passwords(dataDir);
            List<String> clustered = new ArrayList<>(common);
            clustered.addAll(List.of(
                    "-Dplatewatch.db.url=" + jdbcUrl,
                    "-Dplatewatch.db.user=postgres",
                    "-Dplatewatch.db.password=" + passwords.getProperty("owner"),
                    "-Dplatewatch.db.app-user=platewatch_app",
                    "-Dplatewatch.db.app-password=" + passwords.getProperty("app"),
                    "-Dplatewatch.kafka.bootstrap=" + broker.getBrokersAsString(),
                    "-Dplatewatch.kafka.partitions=" + partitions,
                    "-Dlogging.level.org.apache.kafka=WARN"));
            try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", passwords.getProperty("owner"));
                    BenchServer first = BenchServer.start(dataDir, "kafka-a", clustered)) {
                List<IngestRound.Camera> cameras = registerCameras(single, db, options.get("cameras"));
                System.out.printf(
                        "Kafka ingest benchmark: %d rounds x %d batches of %d reads per path, %d HTTP clients,"
                                + " %d cameras, %d partitions; load %s at %s%n",
                        options.get("rounds"),
                        options.get("batches"),
                        IngestRound.BATCH,
                        options.get("clients"),
                        cameras.size(),
                        partitions,
                        load(),
                        Instant.now().truncatedTo(ChronoUnit.SECONDS));
                group.awaitMembers(1, SETTLE);
                IngestRound round = new IngestRound(db, 42);
                firstWindow = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(1));
                // Warm-up, untimed: the JIT, the pools, the producer and the consumer.
                round.run(List.of(single.uri("/")), cameras, 3, options.get("clients"), nextWindow());
                round.run(List.of(first.uri("/")), cameras, 3, options.get("clients"), nextWindow());
                for (int r = 1; r <= options.get("rounds"); r++) {
                    measure(round, "single", r, List.of(single.uri("/")), cameras);
                    measure(round, "kafka-1", r, List.of(first.uri("/")), cameras);
                    try (BenchServer second = BenchServer.start(dataDir, "kafka-b", clustered)) {
                        List<IngestRound.Camera> balanced = group.balanced(cameras, group.awaitMembers(2, SETTLE));
                        if (balanced.isEmpty()) {
                            System.out.println("  (one server stores none of the cameras' partitions: all cameras"
                                    + " used; try more --cameras)");
                            balanced = cameras;
                        } else if (r == 1) {
                            System.out.printf(
                                    "  (kafka-2: %d of the %d cameras, in turns, so that each server stores half)%n",
                                    balanced.size(), cameras.size());
                        }
                        List<URI> both = List.of(first.uri("/"), second.uri("/"));
                        round.run(both, balanced, 2, options.get("clients"), nextWindow()); // the new server warms up
                        measure(round, "kafka-2", r, both, balanced);
                    }
                    group.awaitMembers(1, SETTLE);
                }
                summary();
            }
        } finally {
            broker.destroy();
        }
    }

    private void measure(IngestRound round, String path, int r, List<URI> servers, List<IngestRound.Camera> cameras)
            throws Exception {
        IngestRound.Result result =
                round.run(servers, cameras, options.get("batches"), options.get("clients"), nextWindow());
        results.get(path).add(result);
        Millis upload = new Millis(result.uploadMs());
        System.out.printf(
                "round %d %-8s %,8.0f reads/s stored   upload p50 %6.1f ms  p95 %6.1f ms   last read stored %,.0f ms"
                        + " after the last answer%n",
                r, path, result.readsPerSecond(), upload.p(50), upload.p(95), result.storeLagMs());
    }

    private void summary() {
        System.out.printf("load %s at %s%n", load(), Instant.now().truncatedTo(ChronoUnit.SECONDS));
        double single = median(results.get("single").stream().mapToDouble(IngestRound.Result::readsPerSecond));
        System.out.println("median over rounds (upload p50 / p95 over every upload of the path):");
        for (Map.Entry<String, List<IngestRound.Result>> path : results.entrySet()) {
            double rate = median(path.getValue().stream().mapToDouble(IngestRound.Result::readsPerSecond));
            Millis upload = new Millis(path.getValue().stream()
                    .flatMapToDouble(result -> Arrays.stream(result.uploadMs()))
                    .toArray());
            System.out.printf(
                    "  %-8s %,8.0f reads/s stored (%.2f x single)   upload p50 %6.1f ms  p95 %6.1f ms%n",
                    path.getKey(), rate, rate / single, upload.p(50), upload.p(95));
        }
    }

    /** A minute of capture times no other round uses, going back from the last whole minute. */
    private Instant nextWindow() {
        return firstWindow.minus(Duration.ofMinutes(window++));
    }

    /**
     * Registers the cameras with {@code device add}, one after another: each call re-sets the application role's
     * password in the embedded database, and two at once fail with "tuple concurrently updated".
     */
    private static List<IngestRound.Camera> registerCameras(BenchServer server, Connection db, int count)
            throws Exception {
        List<IngestRound.Camera> cameras = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = "bench-camera-" + i;
            String token = server.cli(DEVICE_TOKEN, "device", "add", "--name", name, "--kind", "mobile");
            try (var statement = db.prepareStatement("SELECT id FROM devices WHERE name = ?")) {
                statement.setString(1, name);
                try (var rs = statement.executeQuery()) {
                    rs.next();
                    cameras.add(new IngestRound.Camera(rs.getObject(1, UUID.class), token));
                }
            }
        }
        return cameras;
    }

    private static Properties passwords(Path dataDir) throws IOException {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(dataDir.resolve("postgres-passwords.properties"))) {
            p.load(in);
        }
        return p;
    }

    private static int postgresPort(Path dataDir) throws IOException {
        return Integer.parseInt(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid"))
                .get(3)
                .trim());
    }

    private static double median(java.util.stream.DoubleStream values) {
        double[] sorted = values.sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The machine's 1-minute load average (the figures mean little without it on a shared machine). */
    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
