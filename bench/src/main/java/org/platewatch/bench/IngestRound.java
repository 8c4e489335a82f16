package org.platewatch.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One timed round of uploads for {@link KafkaIngestBenchmark}: batches of 1,000 reads posted to {@code POST
 * /api/v1/reads} of the given servers in turn, by concurrent cameras, then the reads counted in the database until
 * all are stored. Each round's reads carry capture times in a minute of their own, so the count is of this round's
 * reads only (an index range on {@code read_receipts.captured_at}, cheap to ask every few milliseconds).
 */
final class IngestRound {

    static final int BATCH = 1000;
    private static final Duration STORE_WAIT = Duration.ofMinutes(3);

    /** A registered camera: its token, for the upload. */
    record Camera(UUID id, String token) {}

    /**
     * @param readsPerSecond reads stored per second, from the first POST to the last read stored
     * @param storeLagMs     from the last upload's answer to the last read stored (0 when stored on answer)
     * @param uploadMs       each upload's answer time
     */
    record Result(double readsPerSecond, double storeLagMs, double[] uploadMs) {}

    private final HttpClient http = HttpClient.newHttpClient();
    private final Connection db;
    private final Random random;

    IngestRound(Connection db, long seed) {
        this.db = db;
        this.random = new Random(seed);
    }

    /**
     * Posts {@code batches} batches, batch {@code b} to {@code servers[b % n]} from {@code cameras[b % m]}, with
     * capture times in {@code [minute, minute + 60 s)}, and waits until the database holds them all.
     */
    Result run(List<URI> servers, List<Camera> cameras, int batches, int clients, Instant minute) throws Exception {
        List<String> bodies = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            bodies.add(batchJson(random, minute, BATCH));
        }
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        double[] uploadMs = new double[batches];
        List<Future<?>> answers = new ArrayList<>();
        long start = System.nanoTime();
        long answered;
        try {
            for (int b = 0; b < batches; b++) {
                int batch = b;
                URI server = servers.get(b % servers.size()).resolve("/api/v1/reads");
                Camera camera = cameras.get(b % cameras.size());
                answers.add(pool.submit(() -> {
                    uploadMs[batch] = post(server, camera, bodies.get(batch));
                    return null;
                }));
            }
            for (Future<?> answer : answers) {
                answer.get();
            }
            answered = System.nanoTime();
        } finally {
            pool.shutdownNow(); // a failed upload must not leave threads that keep the benchmark's JVM alive
        }
        long stored = waitUntilStored(minute, (long) batches * BATCH);
        return new Result(
                (double) batches * BATCH / ((stored - start) / 1e9), Math.max(0, (stored - answered) / 1e6), uploadMs);
    }

    private double post(URI server, Camera camera, String body) throws Exception {
        long t = System.nanoTime();
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(server)
                        .header("Authorization", "Bearer " + camera.token())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("upload answered " + response.statusCode() + ": " + response.body());
        }
        return (System.nanoTime() - t) / 1e6;
    }

    /** Polls the count of the minute's receipts (one per stored read) until it is {@code expected}; its time. */
    private long waitUntilStored(Instant minute, long expected) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + STORE_WAIT.toNanos();
        try (PreparedStatement count =
                db.prepareStatement("SELECT count(*) FROM read_receipts WHERE captured_at >= ? AND captured_at < ?")) {
            count.setTimestamp(1, Timestamp.from(minute));
            count.setTimestamp(2, Timestamp.from(minute.plusSeconds(60)));
            while (true) {
                long seen;
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    seen = rs.getLong(1);
                }
                long now = System.nanoTime();
                if (seen >= expected) {
                    return now;
                }
                if (now > deadline) {
                    throw new IllegalStateException(
                            seen + " of " + expected + " reads stored after " + STORE_WAIT.toMinutes() + " minutes");
                }
                Thread.sleep(5);
            }
        }
    }

    /**
     * A body for {@code POST /api/v1/reads}: {@code size} reads of random plates, captured within the minute from
     * {@code minute}. Shared by the ingest benchmarks.
     */
    static String batchJson(Random random, Instant minute, int size) {
        StringBuilder s = new StringBuilder(size * 260).append("{\"reads\":[");
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                s.append(',');
            }
            s.append("{\"readId\":\"")
                    .append(UUID.randomUUID())
                    .append("\",\"plate\":\"")
                    .append(plate(random))
                    .append("\",\"state\":\"CA\",\"confidence\":0.93,\"capturedAt\":\"")
                    .append(minute.plusMillis(random.nextInt(60_000)))
                    .append("\",\"latitude\":37.8")
                    .append(random.nextInt(1000))
                    .append(",\"longitude\":-122.2")
                    .append(random.nextInt(1000))
                    .append(",\"heading\":90,\"vehicle\":{\"make\":\"Toyota\",\"model\":\"Camry\","
                            + "\"color\":\"silver\",\"type\":\"sedan\"}}");
        }
        return s.append("]}").toString();
    }

    /** A Californian-looking plate: digit, three letters, three digits. */
    static String plate(Random random) {
        return random.nextInt(1, 10) + "" + (char) ('A' + random.nextInt(26)) + (char) ('A' + random.nextInt(26))
                + (char) ('A' + random.nextInt(26)) + (100 + random.nextInt(900));
    }
}
