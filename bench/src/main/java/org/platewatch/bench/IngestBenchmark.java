package org.platewatch.bench;

import java.io.IOException;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/**
 * Whole-system ingest benchmark: reads per second through {@code POST /api/v1/reads} on a running
 * server, against raw {@code COPY} of the same rows into the same table of the same database, in
 * one run. Rounds alternate (HTTP, COPY, HTTP, COPY, ...) so machine noise hits both alike; the
 * figure to quote is the median ratio.
 *
 * <pre>java -cp bench/target/classes:$(cat bench/target/classpath.txt) org.platewatch.bench.IngestBenchmark [rounds] [batches-per-round] [clients]</pre>
 */
public final class IngestBenchmark {

    private static final int BATCH = 1000;
    private static final Random RANDOM = new Random(42);

    private IngestBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int batches = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Path root = Path.of(System.getProperty("platewatch.root", ".")).toAbsolutePath();
        Path jar = root.resolve("server/target/platewatch-server.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("build first: ./mvnw -B -DskipTests package (" + jar + " is missing)");
        }
        Path dataDir = Files.createTempDirectory("platewatch-ingest-bench");
        int port = freePort();
        Process server = new ProcessBuilder(
                        "java",
                        "-jar",
                        jar.toString(),
                        "serve",
                        "--port",
                        Integer.toString(port),
                        "--data-dir",
                        dataDir.toString())
                .redirectOutput(dataDir.resolve("server.out").toFile())
                .redirectErrorStream(true)
                .start();
        try {
            waitForHealth(port);
            String token = registerDevice(jar, dataDir);
            String jdbcUrl = "jdbc:postgresql://localhost:" + postgresPort(dataDir) + "/platewatch";
            String password = ownerPassword(dataDir);
            UUID deviceId = deviceId(jdbcUrl, password);
            System.out.printf(
                    "Ingest benchmark: %d rounds x %d batches of %d reads, %d HTTP clients%n",
                    rounds, batches, BATCH, clients);
            // Warm-up: the JIT, the connection pool and the partitions.
            http(port, token, 3, clients);
            copy(jdbcUrl, password, deviceId, 3);
            double[] ratios = new double[rounds];
            double[] httpRates = new double[rounds];
            double[] copyRates = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                httpRates[r] = http(port, token, batches, clients);
                copyRates[r] = copy(jdbcUrl, password, deviceId, batches);
                ratios[r] = httpRates[r] / copyRates[r];
                System.out.printf(
                        "round %d: HTTP %,.0f reads/s   COPY %,.0f reads/s   ratio %.2f%n",
                        r + 1, httpRates[r], copyRates[r], ratios[r]);
            }
            System.out.printf(
                    "median: HTTP %,.0f reads/s   COPY %,.0f reads/s   HTTP/COPY %.2f (target >= 0.50)%n",
                    median(httpRates), median(copyRates), median(ratios));
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    /** Reads per second posted through the API by {@code clients} concurrent uploaders. */
    private static double http(int port, String token, int batches, int clients) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        URI uri = URI.create("http://localhost:" + port + "/api/v1/reads");
        List<String> bodies = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            bodies.add(IngestRound.batchJson(RANDOM, Instant.now().minusSeconds(60), BATCH));
        }
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        List<Future<Integer>> results = new ArrayList<>();
        for (String body : bodies) {
            results.add(pool.submit(() -> {
                HttpResponse<String> response = client.send(
                        HttpRequest.newBuilder(uri)
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(
                            "upload answered " + response.statusCode() + ": " + response.body());
                }
                return BATCH;
            }));
        }
        int total = 0;
        for (Future<Integer> f : results) {
            total += f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return total / seconds;
    }

    /** Reads per second with COPY straight into the detections table, one batch per transaction. */
    private static double copy(String jdbcUrl, String password, UUID deviceId, int batches) throws Exception {
        List<String> data = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            data.add(copyRows(deviceId));
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", password)) {
            CopyManager copy = c.unwrap(BaseConnection.class).getCopyAPI();
            long start = System.nanoTime();
            for (String rows : data) {
                copy.copyIn(
                        "COPY detections (read_id, device_id, plate, state, confidence, captured_at, received_at,"
                                + " location, heading_degrees, vehicle_make, vehicle_model, vehicle_color, vehicle_type, source)"
                                + " FROM STDIN",
                        new StringReader(rows));
            }
            return (double) batches * BATCH / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static String copyRows(UUID deviceId) {
        StringBuilder s = new StringBuilder(BATCH * 200);
        Instant now = Instant.now();
        for (int i = 0; i < BATCH; i++) {
            Instant at = now.minusMillis(RANDOM.nextInt(60_000));
            s.append(UUID.randomUUID())
                    .append('\t')
                    .append(deviceId)
                    .append('\t')
                    .append(IngestRound.plate(RANDOM))
                    .append("\tCA\t0.93\t")
                    .append(at)
                    .append('\t')
                    .append(now)
                    .append("\t(-122.2")
                    .append(RANDOM.nextInt(1000))
                    .append(",37.8")
                    .append(RANDOM.nextInt(1000))
                    .append(")\t90\tToyota\tCamry\tsilver\tsedan\tDEVICE\n");
        }
        return s.toString();
    }

    private static String registerDevice(Path jar, Path dataDir) throws Exception {
        Process p = new ProcessBuilder(
                        "java",
                        "-jar",
                        jar.toString(),
                        "device",
                        "add",
                        "--name",
                        "bench-camera",
                        "--kind",
                        "mobile",
                        "--data-dir",
                        dataDir.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Matcher m = Pattern.compile("(pwd_[A-Za-z0-9_-]+)").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("device add printed no token: " + out);
        }
        return m.group(1);
    }

    private static UUID deviceId(String jdbcUrl, String password) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", password);
                var rs = c.createStatement().executeQuery("SELECT id FROM devices WHERE name = 'bench-camera'")) {
            rs.next();
            return rs.getObject(1, UUID.class);
        }
    }

    /** The embedded server's superuser password, from the owner-only file the server wrote. */
    private static String ownerPassword(Path dataDir) throws IOException {
        java.util.Properties p = new java.util.Properties();
        try (var in = Files.newBufferedReader(dataDir.resolve("postgres-passwords.properties"))) {
            p.load(in);
        }
        return p.getProperty("owner");
    }

    private static int postgresPort(Path dataDir) throws IOException {
        return Integer.parseInt(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid"))
                .get(3)
                .trim());
    }

    private static void waitForHealth(int port) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                if (client.send(
                                        HttpRequest.newBuilder(
                                                        URI.create("http://localhost:" + port + "/actuator/health"))
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // the server is still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the server did not become healthy within 3 minutes");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
