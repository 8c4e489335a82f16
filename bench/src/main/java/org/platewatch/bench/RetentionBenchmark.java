package org.platewatch.bench;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/**
 * The purge of a day with a million detections beside one with a thousand, through the real server. Both days are
 * filled with {@code COPY} (detections and their receipts, long enough ago to be due under the default profile,
 * Oakland's six months); the server is then restarted, as after an outage, and its start-up catch-up purges both.
 * The times are those the server logs for each partition (the transaction that takes the day's seal or hashes the
 * ids, drops the partition with its receipts and {@code plate_days} partitions, and writes the certificate). Before the
 * restart it seals both days as the sealing job would (V67), and times that; on a build without seals it reports the
 * deletion of the receipts after the drop instead, as before.
 */
public final class RetentionBenchmark {

    private static final Pattern DEVICE_TOKEN = Pattern.compile("(pwd_[A-Za-z0-9_-]+)");
    private static final int CHUNK = 50_000;
    private static final Random RANDOM = new Random(17);

    private RetentionBenchmark() {}

    public static void main(String[] args) throws Exception {
        int big = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int small = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        LocalDate bigDay = LocalDate.now(ZoneOffset.UTC).minusDays(250);
        LocalDate smallDay = bigDay.minusDays(1);
        // Purged first (oldest first), so that neither measured day pays the first purge's warm-up (class loading,
        // the JIT, cold plans): the small day's statements took 220 ms as the first, against 24 ms for the big one.
        LocalDate warmUpDay = smallDay.minusDays(1);
        BenchServer server = BenchServer.start("retention-bench");
        try {
            // The server is healthy before its start-up purge has run: fill only after it, or it drops the new days.
            waitFor(server.dataDir().resolve("server.out"), Pattern.compile("Start-up purge (done)"));
            server.cli(DEVICE_TOKEN, "device", "add", "--name", "bench-camera", "--kind", "mobile");
            try (Connection c = connect(server.dataDir())) {
                UUID device = deviceId(c);
                long fill = System.nanoTime();
                fill(c, device, warmUpDay, 10);
                fill(c, device, smallDay, small);
                fill(c, device, bigDay, big);
                System.out.printf(
                        Locale.ROOT,
                        "Filled %s with %,d and %s with %,d detections (COPY) in %.1f s%n",
                        smallDay,
                        small,
                        bigDay,
                        big,
                        (System.nanoTime() - fill) / 1e9);
            }
            long smallHashMs;
            long bigHashMs;
            String bigDigest;
            try (Connection c = connect(server.dataDir())) {
                smallHashMs = hashMs(c, smallDay);
                bigHashMs = hashMs(c, bigDay);
                bigDigest = digest(c, bigDay);
                // The sealing job's work (V67), done weeks before the purge on a department's server: timed here.
                if (canSeal(c)) {
                    System.out.printf(
                            Locale.ROOT,
                            "sealing (the background job, beforehand): %,d ms for the small day, %,d ms for the big one%n",
                            sealMs(c, smallDay),
                            sealMs(c, bigDay));
                }
                System.out.printf(
                        Locale.ROOT,
                        "plate_days rows: %,d for the small day, %,d for the big one%n",
                        plateDays(c, smallDay),
                        plateDays(c, bigDay));
            }
            server = server.restart();
            Path log = server.dataDir().resolve("server.out");
            long smallMs = purgedMs(log, smallDay);
            long bigMs = purgedMs(log, bigDay);
            waitFor(log, Pattern.compile("Purge of \\S+: (\\d+) partitions"));
            Matcher deleted = Pattern.compile("Deleted \\d+ receipts of purged days in (\\d+) ms")
                    .matcher(Files.readString(log, StandardCharsets.UTF_8));
            long receiptsMs = deleted.find() ? Long.parseLong(deleted.group(1)) : -1; // -1: they went with the drop
            try (Connection c = connect(server.dataDir())) {
                if (exists(c, smallDay) || exists(c, bigDay)) {
                    throw new IllegalStateException("a filled partition is still there");
                }
                certificate(c, bigDay, bigDigest);
            }
            System.out.printf(Locale.ROOT, "purge of a day with %,d detections: %,d ms%n", small, smallMs);
            System.out.printf(Locale.ROOT, "purge of a day with %,d detections: %,d ms%n", big, bigMs);
            System.out.printf(
                    Locale.ROOT,
                    "ratio %,d / %,d: %.1f (whole transactions, commit included; the split below)%n",
                    big,
                    small,
                    (double) bigMs / Math.max(1, smallMs));
            if (receiptsMs >= 0) {
                System.out.printf(
                        Locale.ROOT, "then deleting the %,d receipts of both days: %,d ms%n", big + small, receiptsMs);
            } else {
                System.out.println("the receipts of both days went with their partitions, in the drop");
            }
            System.out.printf(
                    Locale.ROOT,
                    "of which the SHA-256 over the ids (the same query, run beforehand): %,d ms and %,d ms%n",
                    smallHashMs,
                    bigHashMs);
            for (LocalDate day : List.of(smallDay, bigDay)) {
                Matcher split = Pattern.compile("detections_p" + day.toString().replace("-", "")
                                + ": statements in (\\d+) ms, commit in (\\d+) ms")
                        .matcher(Files.readString(log, StandardCharsets.UTF_8));
                if (split.find()) { // logged at DEBUG, as below
                    System.out.printf(
                            Locale.ROOT,
                            "%s: the transaction's statements %s ms, its commit (the file system frees the files) %s ms%n",
                            day,
                            split.group(1),
                            split.group(2));
                }
            }
            Matcher cleared = Pattern.compile(
                            "Cleared the plate_days counts of purged day " + bigDay + ": (\\d+) rows in (\\d+) ms")
                    .matcher(Files.readString(log, StandardCharsets.UTF_8));
            if (cleared.find()) {
                System.out.printf(
                        Locale.ROOT,
                        "then, after the drops, the big day's plate_days rows: %,d in %,d ms%n",
                        Long.parseLong(cleared.group(1)),
                        Long.parseLong(cleared.group(2)));
            }
            Matcher drop = Pattern.compile("detections_p" + bigDay.toString().replace("-", "")
                            + ": (hash|sealed) and drop in (\\d+) ms")
                    .matcher(Files.readString(log, StandardCharsets.UTF_8));
            if (drop.find()) { // logged at DEBUG: -Dplatewatch.server.opts=-Dlogging.level.org.platewatch=DEBUG
                System.out.printf(
                        Locale.ROOT,
                        "%s and drop in the purge of %,d detections: %s ms%n",
                        drop.group(1),
                        big,
                        drop.group(2));
            }
        } finally {
            server.close();
        }
    }

    /**
     * A day's plate mix as a city's cameras see it: half the reads are of regulars (a pool of a tenth of the day's
     * reads, each seen about five times), half of vehicles seen once. So a day of a million reads has about 600,000
     * plates, and its {@code plate_days} rows (one per plate and day) go with it at the purge.
     */
    private static String plate(int readsOfTheDay) {
        if (RANDOM.nextBoolean()) {
            return "R"
                    + Integer.toString(RANDOM.nextInt(Math.max(1, readsOfTheDay / 10)), 36)
                            .toUpperCase(Locale.ROOT);
        }
        StringBuilder once = new StringBuilder(7);
        for (int i = 0; i < 7; i++) {
            once.append("ABCDEFGHJKLMNPRSTUVWXYZ0123456789".charAt(RANDOM.nextInt(33)));
        }
        return once.toString();
    }

    private static void fill(Connection c, UUID device, LocalDate day, int n) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("SELECT ensure_detection_partition(?)")) {
            ps.setObject(1, day);
            ps.execute();
        }
        CopyManager copy = c.unwrap(BaseConnection.class).getCopyAPI();
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        for (int done = 0; done < n; done += CHUNK) {
            StringBuilder detections = new StringBuilder(CHUNK * 200);
            StringBuilder receipts = new StringBuilder(CHUNK * 100);
            for (int i = done; i < Math.min(n, done + CHUNK); i++) {
                UUID id = UUID.randomUUID();
                Instant at = start.plusMillis((long) RANDOM.nextInt(86_400_000));
                detections
                        .append(id)
                        .append('\t')
                        .append(device)
                        .append('\t')
                        .append(plate(n))
                        .append("\tCA\t0.93\t")
                        .append(at)
                        .append('\t')
                        .append(at)
                        .append("\t(-122.2")
                        .append(RANDOM.nextInt(1000))
                        .append(",37.8")
                        .append(RANDOM.nextInt(1000))
                        .append(")\tDEVICE\n");
                receipts.append(id)
                        .append('\t')
                        .append(device)
                        .append('\t')
                        .append(at)
                        .append('\t')
                        .append(at)
                        .append('\n');
            }
            copy.copyIn(
                    "COPY detections (read_id, device_id, plate, state, confidence, captured_at, received_at, location,"
                            + " source) FROM STDIN",
                    new StringReader(detections.toString()));
            copy.copyIn(
                    "COPY read_receipts (read_id, device_id, captured_at, received_at) FROM STDIN",
                    new StringReader(receipts.toString()));
        }
    }

    /** The time the server logged for purging the day's partition; waits for the line (the purge runs at start). */
    private static long purgedMs(Path log, LocalDate day) throws Exception {
        String partition = "detections_p" + day.toString().replace("-", "");
        return waitFor(log, Pattern.compile("Purged " + partition + "\\b.*? in (\\d+) ms"));
    }

    private static long waitFor(Path log, Pattern line) throws Exception {
        long deadline = System.currentTimeMillis() + 600_000;
        while (System.currentTimeMillis() < deadline) {
            Matcher m = line.matcher(Files.readString(log, StandardCharsets.UTF_8));
            if (m.find()) {
                return m.group(1).equals("done") ? 0 : Long.parseLong(m.group(1));
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the server logged no " + line + "; see " + log);
    }

    /** The certificate's hash query of purge_detection_partition, on its own, in milliseconds. */
    private static long hashMs(Connection c, LocalDate day) throws Exception {
        long start = System.nanoTime();
        try (var s = c.createStatement()) {
            s.execute("SET work_mem = '128MB'");
            s.executeQuery("SELECT count(*), encode(sha256(coalesce(string_agg(uuid_send(read_id), ''::bytea"
                            + " ORDER BY read_id), ''::bytea)), 'hex') FROM detections_p"
                            + day.toString().replace("-", ""))
                    .close();
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static String digest(Connection c, LocalDate day) throws Exception {
        try (var rs = c.createStatement()
                .executeQuery("SELECT encode(sha256(coalesce(string_agg(uuid_send(read_id), ''::bytea"
                        + " ORDER BY read_id), ''::bytea)), 'hex') FROM detections_p"
                        + day.toString().replace("-", ""))) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static boolean canSeal(Connection c) throws Exception {
        try (var rs = c.createStatement().executeQuery("SELECT to_regproc('seal_detection_partition') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static long sealMs(Connection c, LocalDate day) throws Exception {
        long start = System.nanoTime();
        try (PreparedStatement ps = c.prepareStatement("SELECT seal_detection_partition(?)")) {
            ps.setObject(1, day);
            ps.execute();
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Prints the big day's certificate and checks its hash against the one computed over the ids beforehand. */
    private static void certificate(Connection c, LocalDate day, String digest) throws Exception {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT * FROM deletion_certificates WHERE partition_name = ?")) {
            ps.setString(1, "detections_p" + day.toString().replace("-", ""));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                boolean cover = rs.getMetaData().getColumnCount() > 12;
                System.out.printf(
                        Locale.ROOT,
                        "certificate of the big day: %,d detections, hash %s (%s), %s the ids' hash beforehand%n",
                        rs.getLong("detections"),
                        rs.getString("ids_sha256").substring(0, 12),
                        cover ? rs.getString("ids_cover") : "REMOVED",
                        digest.equals(rs.getString("ids_sha256")) ? "equal to" : "NOT EQUAL TO");
            }
        }
    }

    private static long plateDays(Connection c, LocalDate day) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM plate_days WHERE day = ?")) {
            ps.setObject(1, day);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static boolean exists(Connection c, LocalDate day) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, "detections_p" + day.toString().replace("-", ""));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static UUID deviceId(Connection c) throws Exception {
        try (var rs = c.createStatement().executeQuery("SELECT id FROM devices WHERE name = 'bench-camera'")) {
            rs.next();
            return rs.getObject(1, UUID.class);
        }
    }

    /** The embedded server's superuser, with the password from the owner-only file the server wrote. */
    private static Connection connect(Path dataDir) throws IOException, java.sql.SQLException {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(dataDir.resolve("postgres-passwords.properties"))) {
            p.load(in);
        }
        int port = Integer.parseInt(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid"))
                .get(3)
                .trim());
        return DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + port + "/platewatch", "postgres", p.getProperty("owner"));
    }
}
