package org.platewatch.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The data set of a search benchmark's data directory: generated once, and reused by every later run on the
 * same directory. {@code search-bench.properties} beside the database says what was generated (size, seed,
 * first day), whether it finished, and how long it took; an unfinished load resumes at the first day not yet
 * attached.
 */
final class SearchDataSetLoad {

    static final String MARKER = "search-bench.properties";
    private static final int DAYS = 365;
    private static final long SEED = 16;

    private SearchDataSetLoad() {}

    /** What the directory holds after this call: the data set, generated now if it was not there. */
    record Loaded(SearchDataSet data, long detections, Duration generation, boolean reused) {}

    static Loaded ensure(Connection db, Path dataDir, long detections) throws IOException, SQLException {
        Path marker = dataDir.resolve(MARKER);
        Properties p = new Properties();
        if (Files.exists(marker)) {
            try (Reader r = Files.newBufferedReader(marker)) {
                p.load(r);
            }
            long had = Long.parseLong(p.getProperty("detections"));
            if (had != detections) {
                throw new IllegalStateException(dataDir + " holds the data set of " + had + " detections, not "
                        + detections + "; give another --data-dir");
            }
        } else {
            p.setProperty("detections", Long.toString(detections));
            p.setProperty("seed", Long.toString(SEED));
            // the year ending today (UTC), fixed at the first run so a resumed load makes the same days
            p.setProperty(
                    "firstDay", LocalDate.now(ZoneOffset.UTC).minusDays(DAYS).toString());
            p.setProperty("days", Integer.toString(DAYS));
            p.setProperty("complete", "false");
            p.setProperty("generationSeconds", "0");
            store(marker, p);
        }
        SearchDataSet data = new SearchDataSet(
                detections,
                Long.parseLong(p.getProperty("seed")),
                LocalDate.parse(p.getProperty("firstDay")),
                Integer.parseInt(p.getProperty("days")));
        if (Boolean.parseBoolean(p.getProperty("complete"))) {
            return new Loaded(
                    data, detections, Duration.ofSeconds(Long.parseLong(p.getProperty("generationSeconds"))), true);
        }
        long before = Long.parseLong(p.getProperty("generationSeconds"));
        long start = System.nanoTime();
        generate(db, data, marker, p, before);
        long seconds = before + (System.nanoTime() - start) / 1_000_000_000L;
        p.setProperty("complete", "true");
        p.setProperty("generationSeconds", Long.toString(seconds));
        p.setProperty("completedAt", Instant.now().toString());
        store(marker, p);
        return new Loaded(data, detections, Duration.ofSeconds(seconds), false);
    }

    private static void generate(Connection db, SearchDataSet data, Path marker, Properties p, long before)
            throws IOException, SQLException {
        try (Statement s = db.createStatement()) {
            // Index builds of a day's partition sort in memory; the server's own sessions are untouched.
            s.execute("SET maintenance_work_mem = '256MB'");
        }
        PartitionLoader loader = new PartitionLoader(db);
        System.out.printf(
                Locale.ROOT,
                "Generating %,d detections over %d days from %s: %d cameras, %,d commuters,"
                        + " %,d occasional plates, the rest seen once%n",
                Long.parseLong(p.getProperty("detections")),
                data.days(),
                data.day(0),
                data.cameras().size(),
                data.commuterCount(),
                data.occasionalCount());
        System.out.println("Each day's partition gets: " + String.join("; ", loader.describe()));
        loader.registerCameras(data.cameras());
        long start = System.nanoTime();
        long rows = 0;
        for (int i = 0; i < data.days(); i++) {
            if (loader.loaded(data.day(i))) {
                continue;
            }
            long dayStart = System.nanoTime();
            rows += loader.load(data, i);
            double elapsed = (System.nanoTime() - start) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "  day %3d/%d %s loaded in %5.1f s; %,d rows this run, %,.0f rows/s%n",
                    i + 1,
                    data.days(),
                    data.day(i),
                    (System.nanoTime() - dayStart) / 1e9,
                    rows,
                    rows / elapsed);
            if (i % 10 == 9) {
                p.setProperty("generationSeconds", Long.toString(before + (long) elapsed));
                store(marker, p);
            }
        }
        long analyzeStart = System.nanoTime();
        try (Statement s = db.createStatement()) {
            s.execute("ANALYZE detections");
            s.execute("ANALYZE devices");
        }
        System.out.printf(Locale.ROOT, "ANALYZE took %.1f s%n", (System.nanoTime() - analyzeStart) / 1e9);
    }

    /** Heap and index bytes of all the partitions of detections. */
    record Sizes(long rows, long tableBytes, long indexBytes) {}

    static Sizes sizes(Connection db) throws SQLException {
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT (SELECT sum(reltuples)::bigint FROM pg_class c JOIN"
                        + " pg_partition_tree('detections') t ON t.relid = c.oid WHERE t.isleaf),"
                        + " sum(pg_table_size(relid)), sum(pg_indexes_size(relid)) FROM pg_partition_tree('detections')"
                        + " WHERE isleaf")) {
            rs.next();
            return new Sizes(rs.getLong(1), rs.getLong(2), rs.getLong(3));
        }
    }

    /** Each index of the partitions, by its name without the day, and its bytes over all partitions. */
    static Map<String, Long> indexSizes(Connection db) throws SQLException {
        Map<String, Long> sizes = new TreeMap<>();
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT regexp_replace(i.relname, '^detections_p[0-9]+', ''),"
                        + " sum(pg_relation_size(i.oid)) FROM pg_partition_tree('detections') t"
                        + " JOIN pg_index x ON x.indrelid = t.relid JOIN pg_class i ON i.oid = x.indexrelid"
                        + " WHERE t.isleaf GROUP BY 1")) {
            while (rs.next()) {
                sizes.put(rs.getString(1), rs.getLong(2));
            }
        }
        return sizes;
    }

    private static void store(Path marker, Properties p) throws IOException {
        Path tmp = marker.resolveSibling(MARKER + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp)) {
            p.store(w, "Platewatch search benchmark data set (bin/platewatch bench-search)");
        }
        Files.move(
                tmp,
                marker,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
