package org.platewatch.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Whole-system alert latency: a camera posts a read of a listed plate while a console holds the live alert
 * stream open; the figure is the time from the start of the POST to the {@code alert} event's arrival on the
 * stream. Its baseline, in the same run and interleaved read for read, is the same POST of an unlisted plate
 * (upload, validation, store, match: everything but raising and pushing the alert). One read at a time, so
 * each measures the path of one read, not a queue.
 *
 * <pre>java -Dplatewatch.root=. -cp bench/target/classes:$(cat bench/target/classpath.txt) \
 *      org.platewatch.bench.AlertLatencyBenchmark [reads] [warm-up reads]</pre>
 */
public final class AlertLatencyBenchmark {

    private static final Pattern TOKEN = Pattern.compile("(pwu_[A-Za-z0-9_-]+)");
    private static final Pattern DEVICE_TOKEN = Pattern.compile("(pwd_[A-Za-z0-9_-]+)");
    private static final Pattern ONE_TIME_PASSWORD = Pattern.compile("One-time password[^:]*: (\\S+)");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
    private static final int LISTED = 200;
    // All eight seed departments are in California.
    private static final ZoneId DEPARTMENT_ZONE = ZoneId.of("America/Los_Angeles");

    private final BenchServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    private AlertLatencyBenchmark(BenchServer server) {
        this.server = server;
    }

    public static void main(String[] args) throws Exception {
        int reads = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        try (BenchServer server = BenchServer.start("alert-bench")) {
            new AlertLatencyBenchmark(server).run(reads, warmUp);
        }
    }

    private void run(int reads, int warmUp) throws Exception {
        ConsoleSession console = administrator();
        String admin = server.cli(TOKEN, "user", "token", "--username", "bench-admin");
        String camera = camera();
        List<String> listed = hotlist(console);
        System.out.printf(
                "Alert latency benchmark: %d reads of listed plates, %d of unlisted ones, interleaved,"
                        + " after %d of each to warm up; one console stream open%n",
                reads, reads, warmUp);
        try (Stream alerts = new Stream(server, admin)) {
            measure(camera, listed, alerts, warmUp);
            Figures f = measure(camera, listed, alerts, reads);
            System.out.printf(
                    Locale.ROOT,
                    "listed plate, POST to alert event:  p50 %6.1f ms   p99 %6.1f ms" + "   (target p99 < 50 ms)%n",
                    f.event.p(50),
                    f.event.p(99));
            System.out.printf(
                    Locale.ROOT,
                    "listed plate, POST answered:        p50 %6.1f ms   p99 %6.1f ms%n",
                    f.listedPost.p(50),
                    f.listedPost.p(99));
            System.out.printf(
                    Locale.ROOT,
                    "unlisted plate, POST (baseline):    p50 %6.1f ms   p99 %6.1f ms%n",
                    f.baseline.p(50),
                    f.baseline.p(99));
            System.out.printf(
                    Locale.ROOT,
                    "alert event / baseline POST:        p50 %6.2fx    p99 %6.2fx%n",
                    f.event.p(50) / f.baseline.p(50),
                    f.event.p(99) / f.baseline.p(99));
        }
    }

    private record Figures(Millis event, Millis listedPost, Millis baseline) {}

    private Figures measure(String camera, List<String> listed, Stream alerts, int reads) throws Exception {
        double[] event = new double[reads];
        double[] listedPost = new double[reads];
        double[] baseline = new double[reads];
        for (int i = 0; i < reads; i++) {
            UUID hit = UUID.randomUUID();
            CompletableFuture<Long> arrival = alerts.arrivalOf(hit);
            long start = System.nanoTime();
            post(camera, hit, listed.get(i % listed.size()));
            listedPost[i] = (System.nanoTime() - start) / 1e6;
            event[i] = (arrival.get(10, TimeUnit.SECONDS) - start) / 1e6;

            start = System.nanoTime();
            post(camera, UUID.randomUUID(), String.format(Locale.ROOT, "8UNL%03d", i % 1000));
            baseline[i] = (System.nanoTime() - start) / 1e6;
        }
        return new Figures(new Millis(event), new Millis(listedPost), new Millis(baseline));
    }

    private void post(String camera, UUID readId, String plate) throws Exception {
        String json = "{\"reads\":[{\"readId\":\"" + readId + "\",\"plate\":\"" + plate + "\",\"state\":\"CA\","
                + "\"confidence\":0.93,\"capturedAt\":\"" + Instant.now().minusSeconds(1) + "\",\"latitude\":37.80,"
                + "\"longitude\":-122.27,\"heading\":90,\"vehicle\":{\"make\":\"Toyota\",\"model\":\"Camry\","
                + "\"color\":\"silver\",\"type\":\"sedan\"}}]}";
        send(
                HttpRequest.newBuilder(server.uri("/api/v1/reads"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)),
                camera,
                200);
    }

    /**
     * A trained, CLETS-authorised administrator, made on the command line, who then signs in to the
     * console for the first time (new password, own second factor): administrative writes need a
     * session with the password and a fresh code. The same member holds the console stream.
     */
    private ConsoleSession administrator() throws Exception {
        String oneTimePassword = server.cli(
                ONE_TIME_PASSWORD,
                "user",
                "add",
                "--username",
                "bench-admin",
                "--role",
                "administrator",
                "--clets",
                "--training-date",
                LocalDate.now(DEPARTMENT_ZONE).toString());
        return ConsoleSession.firstSignIn(server::uri, "bench-admin", oneTimePassword, "bench-" + UUID.randomUUID());
    }

    /** A patrol car, registered on the command line (a local operator's command). */
    private String camera() throws Exception {
        return server.cli(DEVICE_TOKEN, "device", "add", "--name", "bench-camera", "--kind", "mobile");
    }

    /** Designates a CA DOJ stolen-vehicle list and imports {@value #LISTED} plates into it, at the console. */
    private List<String> hotlist(ConsoleSession console) throws Exception {
        String designation = "{\"currentPassword\":\"" + console.password() + "\",\"code\":\"" + console.freshCode()
                + "\",\"hotlist\":{\"code\":\"bench-svs\",\"name\":\"Bench SVS\",\"sourceKind\":\"CA_DOJ_SVS\","
                + "\"format\":\"CA_DOJ\"}}";
        String designated = expect(
                console.write(HttpRequest.newBuilder(server.uri("/api/v1/hotlists"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(designation))),
                201);
        List<String> plates = IntStream.range(0, LISTED)
                .mapToObj(i -> String.format(Locale.ROOT, "7LAT%03d", i))
                .toList();
        StringBuilder file = new StringBuilder("DATE")
                .append(LocalDateTime.now(DEPARTMENT_ZONE)
                        .minusMinutes(1)
                        .format(DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm")))
                .append("\r\n");
        plates.forEach(p -> file.append(String.format(Locale.ROOT, "%-8sCA0120260101\r\n", p)));
        file.append(String.format(Locale.ROOT, "TOTAL RECORDS %06d\r\n", plates.size()));
        String boundary = "----bench" + UUID.randomUUID();
        String body = field(boundary, "currentPassword", console.password())
                + field(boundary, "code", console.freshCode())
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"svs.tbl\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + file + "\r\n--" + boundary + "--\r\n";
        expect(
                console.write(
                        HttpRequest.newBuilder(server.uri("/api/v1/hotlists/" + group(ID, designated) + "/imports"))
                                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.ISO_8859_1))),
                200);
        return plates;
    }

    private static String field(String boundary, String name, String value) {
        return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }

    private static String expect(HttpResponse<String> r, int expected) {
        if (r.statusCode() != expected) {
            throw new IllegalStateException(r.uri().getPath() + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private String send(HttpRequest.Builder request, String token, int expected) throws Exception {
        HttpResponse<String> r = http.send(
                request.header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(r.uri().getPath() + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private static String group(Pattern p, String text) {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no " + p + " in " + text);
        }
        return m.group(1);
    }

    /** The console's open alert stream: when each read's {@code alert} event arrived, by read id. */
    private static final class Stream implements AutoCloseable {

        private static final Pattern READ_ID = Pattern.compile("\"readId\"\\s*:\\s*\"([0-9a-f-]{36})\"");

        private final Map<String, CompletableFuture<Long>> arrivals = new ConcurrentHashMap<>();
        private final HttpResponse<java.util.stream.Stream<String>> response;
        private final Thread reader;

        Stream(BenchServer server, String token) throws Exception {
            response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(server.uri("/api/v1/alerts/stream"))
                                    .header("Authorization", "Bearer " + token)
                                    .header("Accept", "text/event-stream")
                                    .build(),
                            HttpResponse.BodyHandlers.ofLines());
            if (response.statusCode() != 200) {
                throw new IOException("the alert stream answered " + response.statusCode());
            }
            reader = new Thread(this::read, "alert-stream-reader");
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            String[] event = {""};
            try {
                response.body().forEach(line -> {
                    if (line.startsWith("event:")) {
                        event[0] = line.substring(6).trim();
                    } else if (line.startsWith("data:") && event[0].equals("alert")) {
                        long now = System.nanoTime();
                        Matcher m = READ_ID.matcher(line);
                        if (m.find()) {
                            arrivalOf(m.group(1)).complete(now);
                        }
                    } else if (line.isEmpty()) {
                        event[0] = "";
                    }
                });
            } catch (RuntimeException closed) {
                // the benchmark is over
            }
        }

        CompletableFuture<Long> arrivalOf(UUID readId) {
            return arrivalOf(readId.toString());
        }

        private CompletableFuture<Long> arrivalOf(String readId) {
            return arrivals.computeIfAbsent(readId, k -> new CompletableFuture<>());
        }

        @Override
        public void close() {
            response.body().close();
            reader.interrupt();
        }
    }

    /** Times in milliseconds, for percentiles (nearest rank). */
    private record Millis(double[] values) {
        Millis {
            values = values.clone();
            Arrays.sort(values);
        }

        double p(int percentile) {
            int rank = (int) Math.ceil(percentile / 100.0 * values.length);
            return values[Math.max(0, Math.min(values.length - 1, rank - 1))];
        }
    }
}
