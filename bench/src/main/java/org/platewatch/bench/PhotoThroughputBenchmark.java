package org.platewatch.bench;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.platewatch.recognition.Recognizer;

/**
 * Photos per second through the server: {@code POST /api/v1/reads/photo} of a real server (its own
 * process, embedded PostgreSQL, durable) from {@code --clients} concurrent cameras, each posting its
 * next photo as soon as the last is answered; beside the same photos read in one process the way
 * {@code recognize --jobs N} reads them (one shared {@link Recognizer}, N threads, decode included).
 * Rounds alternate (server, in-process, server, ...) so that the neighbours' load meets both alike.
 *
 * <pre>bin/platewatch bench-photos DIR [--clients N (4)] [--jobs N (2)] [--rounds N (2)] [--photos N (all)]</pre>
 */
public final class PhotoThroughputBenchmark {

    private static final Pattern DEVICE_TOKEN = Pattern.compile("(pwd_[A-Za-z0-9_-]+)");

    private PhotoThroughputBenchmark() {}

    /** One round's figures: photos per second, each photo's wait (ms), CPU ms per photo of the reading process. */
    private record Round(double photosPerSecond, Millis waits, double cpuMsPerPhoto) {}

    public static void main(String[] args) throws Exception {
        Path dir = null;
        int clients = 4;
        int jobs = 2;
        int rounds = 2;
        int limit = Integer.MAX_VALUE;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--clients" -> clients = positive(args, ++i);
                case "--jobs" -> jobs = positive(args, ++i);
                case "--rounds" -> rounds = positive(args, ++i);
                case "--photos" -> limit = positive(args, ++i);
                default -> dir = Path.of(args[i]);
            }
        }
        if (dir == null || !Files.isDirectory(dir)) {
            System.err.println("bench-photos: give a folder of JPEG photos (e.g. ../shared/datasets/plates/us)");
            System.exit(2);
        }
        List<byte[]> photos = new ArrayList<>();
        try (Stream<Path> listed = Files.list(dir)) {
            for (Path p : listed.filter(
                            p -> p.toString().toLowerCase(Locale.ROOT).matches(".*\\.jpe?g"))
                    .sorted()
                    .limit(limit)
                    .toList()) {
                photos.add(Files.readAllBytes(p));
            }
        }
        System.out.printf(
                Locale.ROOT,
                "Photo throughput: %d photos of %s, server with %d concurrent clients vs in-process with %d jobs,"
                        + " %d rounds each, alternating; %d cores%n",
                photos.size(),
                dir,
                clients,
                jobs,
                rounds,
                Runtime.getRuntime().availableProcessors());
        try (BenchServer server = BenchServer.start("photo-bench");
                Recognizer recognizer = new Recognizer()) {
            String token = server.cli(
                    DEVICE_TOKEN,
                    "device",
                    "add",
                    "--name",
                    "bench-camera",
                    "--kind",
                    "fixed", // a fixed camera's reads take its registered position
                    "--lat",
                    "37.80",
                    "--lon",
                    "-122.27",
                    "--heading",
                    "0");
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
            // Warm-up, untimed: the server loads its models on its first photo; both JITs warm.
            post(http, server, token, photos.get(0));
            recognizer.recognize(Recognizer.decode(photos.get(0)));
            List<Round> viaServer = new ArrayList<>();
            List<Round> inProcess = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                Round s = serverRound(http, server, token, photos, clients);
                Round p = inProcessRound(recognizer, photos, jobs);
                viaServer.add(s);
                inProcess.add(p);
                System.out.printf(
                        Locale.ROOT,
                        "round %d: server %.2f photos/s (wait p50 %.0f ms, p95 %.0f ms, CPU %.0f ms)   in-process %.2f photos/s"
                                + " (each photo p50 %.0f ms, p95 %.0f ms, CPU %.0f ms)   server / in-process %.2f%n",
                        r + 1,
                        s.photosPerSecond(),
                        s.waits().p(50),
                        s.waits().p(95),
                        s.cpuMsPerPhoto(),
                        p.photosPerSecond(),
                        p.waits().p(50),
                        p.waits().p(95),
                        p.cpuMsPerPhoto(),
                        s.photosPerSecond() / p.photosPerSecond());
            }
            double sRate = median(
                    viaServer.stream().mapToDouble(Round::photosPerSecond).toArray());
            double pRate = median(
                    inProcess.stream().mapToDouble(Round::photosPerSecond).toArray());
            Millis sWaits = all(viaServer);
            Millis pWaits = all(inProcess);
            System.out.printf(
                    Locale.ROOT,
                    "median: server %.2f photos/s, wait p50 %.0f ms, p95 %.0f ms (%d clients)%n",
                    sRate,
                    sWaits.p(50),
                    sWaits.p(95),
                    clients);
            System.out.printf(
                    Locale.ROOT,
                    "        in-process (recognize --jobs %d) %.2f photos/s, each photo p50 %.0f ms, p95 %.0f ms%n",
                    jobs,
                    pRate,
                    pWaits.p(50),
                    pWaits.p(95));
            System.out.printf(Locale.ROOT, "        server / in-process %.2f%n", sRate / pRate);
            System.out.printf(
                    Locale.ROOT,
                    "machine: load average %.1f%n",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /** Each client posts the next photo as soon as its last one is answered; a photo's wait is its POST until the answer. */
    private static Round serverRound(
            HttpClient http, BenchServer server, String token, List<byte[]> photos, int clients) throws Exception {
        AtomicInteger next = new AtomicInteger();
        double[] waits = new double[photos.size()];
        long cpu = server.cpuNanos();
        long start = System.nanoTime();
        runAll(clients, () -> {
            for (int i; (i = next.getAndIncrement()) < photos.size(); ) {
                long t = System.nanoTime();
                post(http, server, token, photos.get(i));
                waits[i] = (System.nanoTime() - t) / 1e6;
            }
            return null;
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuMs = (server.cpuNanos() - cpu) / 1e6 / photos.size();
        return new Round(photos.size() / seconds, new Millis(waits), cpuMs);
    }

    /** What {@code recognize --jobs N} does: N threads on one recognizer, each decoding and reading its next photo. */
    private static Round inProcessRound(Recognizer recognizer, List<byte[]> photos, int jobs) throws Exception {
        AtomicInteger next = new AtomicInteger();
        double[] each = new double[photos.size()];
        long cpu = processCpuNanos();
        long start = System.nanoTime();
        runAll(jobs, () -> {
            for (int i; (i = next.getAndIncrement()) < photos.size(); ) {
                long t = System.nanoTime();
                BufferedImage image = Recognizer.decode(photos.get(i));
                recognizer.recognize(image);
                each[i] = (System.nanoTime() - t) / 1e6;
            }
            return null;
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuMs = (processCpuNanos() - cpu) / 1e6 / photos.size();
        return new Round(photos.size() / seconds, new Millis(each), cpuMs);
    }

    private static void runAll(int threads, Callable<Void> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Void>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                running.add(pool.submit(task));
            }
            for (Future<Void> f : running) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void post(HttpClient http, BenchServer server, String token, byte[] jpeg) throws Exception {
        String boundary = "----platewatch" + UUID.randomUUID();
        String metadata = "{\"readId\":\"" + UUID.randomUUID() + "\",\"capturedAt\":\""
                + Instant.now().minusSeconds(1) + "\"}";
        ByteArrayOutputStream body = new ByteArrayOutputStream(jpeg.length + 512);
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"read\"\r\n"
                        + "Content-Type: application/json\r\n\r\n" + metadata + "\r\n"
                        + "--" + boundary
                        + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"photo.jpg\"\r\n"
                        + "Content-Type: image/jpeg\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(jpeg);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(server.uri("/api/v1/reads/photo"))
                        .timeout(Duration.ofMinutes(2))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("photo upload answered " + answer.statusCode() + ": " + answer.body());
        }
    }

    private static Millis all(List<Round> rounds) {
        return new Millis(rounds.stream()
                .flatMapToDouble(r -> java.util.Arrays.stream(r.waits().values()))
                .toArray());
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    private static int positive(String[] args, int i) {
        if (i >= args.length || !args[i].matches("[1-9][0-9]{0,3}")) {
            System.err.println("bench-photos: " + args[i - 1] + " needs a positive number");
            System.exit(2);
        }
        return Integer.parseInt(args[i]);
    }
}
