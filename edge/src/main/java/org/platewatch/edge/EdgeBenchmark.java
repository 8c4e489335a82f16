package org.platewatch.edge;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * {@code bin/platewatch edge bench}: reads per second through the agent's capture path (recognition,
 * journal, match) on this machine, and the upload throughput of a journalled backlog to a real server.
 */
final class EdgeBenchmark {

    static final String HELP = """
            Usage: bin/platewatch edge bench [--images DIR] [--reads N] [--backlog N] [--server URL --token T]
              --images DIR   JPEGs to read (default ../shared/datasets/plates/us beside the checkout)
              --reads N      images through the capture path (default 40)
              --backlog N    reads journalled, then uploaded to --server (default 100000)
              --server URL --token T   a running server and a mobile unit's token (bin/platewatch device add);
                             without them only the capture path is measured
            """;

    private EdgeBenchmark() {}

    static int run(String[] args, PrintStream out) throws IOException {
        Path images = Path.of(System.getProperty("platewatch.root", "."), "..", "shared", "datasets", "plates", "us");
        int reads = 40;
        int backlog = 100_000;
        String server = null;
        String token = System.getenv("PLATEWATCH_EDGE_TOKEN");
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new EdgeOptions.UsageException(args[i] + " needs a value");
            }
            String v = args[i + 1];
            switch (args[i]) {
                case "--images" -> images = Path.of(v);
                case "--reads" -> reads = count(v, "--reads");
                case "--backlog" -> backlog = count(v, "--backlog");
                case "--server" -> server = v;
                case "--token" -> token = v;
                default -> throw new EdgeOptions.UsageException("unknown option '" + args[i] + "' (try --help)");
            }
        }
        Path work = Files.createTempDirectory("platewatch-edge-bench");
        try {
            capturePath(images, reads, work.resolve("capture"), out);
            if (server != null && token != null) {
                upload(
                        URI.create(server.endsWith("/") ? server : server + "/"),
                        token,
                        backlog,
                        work.resolve("up"),
                        out);
            } else {
                out.println("upload: skipped (give --server URL --token DEVICE_TOKEN of a running server)");
            }
        } finally {
            try (Stream<Path> s = Files.walk(work)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return 0;
    }

    private static void capturePath(Path imageDir, int n, Path dir, PrintStream out) throws IOException {
        List<byte[]> jpegs = new ArrayList<>();
        if (Files.isDirectory(imageDir)) {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(imageDir, DirectorySource::isImageName)) {
                for (Path p : s) {
                    jpegs.add(Files.readAllBytes(p));
                }
            }
        }
        if (jpegs.isEmpty()) {
            jpegs.add(ReferencePlate.jpeg());
        }
        Files.createDirectories(dir);
        Sealer sealer = new Sealer(new javax.crypto.spec.SecretKeySpec(new byte[32], "AES"));
        Clock clock = Clock.systemUTC();
        try (Journal journal = new Journal(dir.resolve("journal.db"), sealer, clock);
                PlateReader reader = PlateReader.recognition()) {
            HotlistCopy hotlists = new HotlistCopy(dir, null, sealer, clock);
            LocalAlerts alerts = new LocalAlerts(new PrintStream(PrintStream.nullOutputStream()), ZoneOffset.UTC);
            CapturePipeline pipeline =
                    new CapturePipeline(reader, journal, hotlists, alerts, 0.5, ZoneOffset.UTC, clock);
            CaptureSource none = new CaptureSource() {
                @Override
                public List<Capture> poll() {
                    return List.of();
                }

                @Override
                public void taken(Capture c) {}

                @Override
                public void rejected(Capture c) {}

                @Override
                public String describe() {
                    return "bench";
                }
            };
            reader.read(jpegs.get(0)); // models load once, outside the timing
            long start = System.nanoTime();
            int journalled = 0;
            for (int i = 0; i < n; i++) {
                byte[] jpeg = jpegs.get(i % jpegs.size());
                if (i >= jpegs.size()) {
                    jpeg = java.util.Arrays.copyOf(jpeg, jpeg.length + i / jpegs.size()); // a new image id
                }
                if (pipeline.take(none, new Capture("bench-" + i, jpeg, null, null))
                        == CapturePipeline.Outcome.JOURNALLED) {
                    journalled++;
                }
            }
            double s = (System.nanoTime() - start) / 1e9;
            out.printf(
                    Locale.ROOT,
                    "capture path: %d images (%d journalled reads) in %.1f s: %.2f images/s (recognition, journal, match)%n",
                    n,
                    journalled,
                    s,
                    n / s);
        }
    }

    private static void upload(URI server, String token, int n, Path dir, PrintStream out) {
        Sealer sealer = new Sealer(new javax.crypto.spec.SecretKeySpec(new byte[32], "AES"));
        try (Journal journal = new Journal(dir.resolve("journal.db"), sealer, Clock.systemUTC())) {
            Instant base = Instant.now().minus(Duration.ofHours(2));
            long fill = System.nanoTime();
            for (int i = 0; i < n; i++) {
                journal.add(new JournalRead(
                        UUID.randomUUID(),
                        base.plusMillis(i * 50L),
                        String.format(Locale.ROOT, "9B%05d", i % 100_000),
                        org.platewatch.plate.UsState.CA,
                        0.9,
                        37.8 + (i % 100) * 0.001,
                        -122.27,
                        90.0,
                        null));
            }
            double fillS = (System.nanoTime() - fill) / 1e9;
            out.printf(
                    Locale.ROOT,
                    "journal: %d reads journalled in %.1f s: %.0f reads/s (each commit synchronous)%n",
                    n,
                    fillS,
                    n / fillS);
            Uploader uploader = new Uploader(journal, new ServerClient(server, token, Duration.ofSeconds(60)), 1000);
            long start = System.nanoTime();
            int failures = 0;
            while (journal.backlog().unsent() > 0 && failures < 20) {
                if (uploader.round() == Uploader.Round.UNAVAILABLE) {
                    failures++;
                }
            }
            double s = (System.nanoTime() - start) / 1e9;
            out.printf(
                    Locale.ROOT,
                    "upload: %d reads acknowledged in %.1f s: %.0f reads/s (batches of 1000)%s%n",
                    n - journal.backlog().unsent(),
                    s,
                    (n - journal.backlog().unsent()) / s,
                    failures > 0 ? " with " + failures + " failed rounds" : "");
        }
    }

    private static int count(String v, String option) {
        try {
            int n = Integer.parseInt(v);
            if (n < 1) {
                throw new EdgeOptions.UsageException(option + " must be at least 1");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new EdgeOptions.UsageException(option + ": '" + v + "' is not a whole number");
        }
    }
}
