package org.platewatch.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Random search terms drawn from the data set, as an investigator would bring them: plates read by the
 * cameras (sampled from the table, so a commuter seen daily comes up more often than a plate seen once) and
 * one in five a plate no camera read; partial plates made from read plates; a canvass around a random camera
 * over a random two hours of the year.
 */
final class SearchTerms {

    enum Kind {
        EXACT("exact plate, whole year"),
        PREFIX_SUFFIX("partial 7AB*12 (prefix + suffix)"),
        FIRST_UNKNOWN("partial ?ABC123 (first unknown)"),
        CONFUSABLE("confusable exact plate"),
        CANVASS("canvass 1 km / 2 h"),
        /** Not one of the kinds: one day's partition only, so what is left is the API's own cost. */
        EXACT_ONE_DAY("exact plate, one day (API floor)");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /** One search: a plate (or pattern, with the API's {@code ?} and {@code *}) or a place and a window. */
    record Term(Kind kind, String plate, SearchDataSet.Camera camera, Instant from, Instant to) {}

    static final int RADIUS_METRES = 1000;

    private final SearchDataSet data;
    private final List<String> readPlates;
    private final Connection db;
    private final SplittableRandom random = new SplittableRandom(1616);

    private SearchTerms(SearchDataSet data, List<String> readPlates, Connection db) {
        this.data = data;
        this.readPlates = readPlates;
        this.db = db;
    }

    /**
     * Samples plates as read: about 20,000 reads from blocks all over the year. Day by day, each with its own
     * seed: one seed for the whole partitioned table would pick the same block numbers in every day, and with
     * few blocks a day, often none at all.
     */
    static SearchTerms sample(Connection db, SearchDataSet data, long detections) throws SQLException {
        double percent = Math.min(100, 100.0 * 20_000 / detections);
        List<String> plates = new ArrayList<>();
        try (Statement s = db.createStatement()) {
            for (int i = 0; i < data.days(); i++) {
                try (ResultSet rs = s.executeQuery(String.format(
                        java.util.Locale.ROOT,
                        "SELECT plate FROM %s TABLESAMPLE SYSTEM (%.6f) REPEATABLE (%d)",
                        PartitionLoader.partition(data.day(i)),
                        percent,
                        i))) {
                    while (rs.next()) {
                        plates.add(rs.getString(1));
                    }
                }
            }
        }
        if (plates.isEmpty()) {
            throw new IllegalStateException("the sample of the detections table is empty");
        }
        Collections.shuffle(plates, new Random(16));
        return new SearchTerms(data, plates, db);
    }

    List<Term> draw(Kind kind, int n) throws SQLException {
        List<Term> terms = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            terms.add(next(kind));
        }
        return terms;
    }

    private Term next(Kind kind) throws SQLException {
        return switch (kind) {
            case EXACT -> plate(kind, plateOrAbsent());
            case PREFIX_SUFFIX -> {
                String p = plateOrAbsent();
                yield plate(kind, p.substring(0, 3) + "*" + p.substring(p.length() - 2));
            }
            case FIRST_UNKNOWN -> plate(kind, "?" + plateOrAbsent().substring(1));
            // half as the camera read it, half with one character written as a look-alike
            case CONFUSABLE -> {
                String p = plateOrAbsent();
                yield plate(kind, random.nextBoolean() ? p : Plates.misread(p, random));
            }
            case EXACT_ONE_DAY -> {
                Instant from = randomInstant().truncatedTo(ChronoUnit.DAYS);
                yield new Term(kind, plateOrAbsent(), null, from, from.plus(1, ChronoUnit.DAYS));
            }
            case CANVASS -> {
                SearchDataSet.Camera c =
                        data.cameras().get(random.nextInt(data.cameras().size()));
                Instant from = randomInstant();
                yield new Term(kind, null, c, from, from.plus(2, ChronoUnit.HOURS));
            }
        };
    }

    /** A minute of the year, at least two hours before its end. */
    private Instant randomInstant() {
        Instant first = data.day(0).atStartOfDay(ZoneOffset.UTC).toInstant();
        long minutes = data.days() * 24L * 60 - 120;
        return first.plus(random.nextLong(minutes), ChronoUnit.MINUTES);
    }

    private static Term plate(Kind kind, String plate) {
        return new Term(kind, plate, null, null, null);
    }

    /** A plate a camera read (four in five), or one that no camera read. */
    private String plateOrAbsent() throws SQLException {
        if (random.nextInt(5) > 0) {
            return readPlates.get(random.nextInt(readPlates.size()));
        }
        while (true) {
            String p = Plates.random(random);
            try (PreparedStatement ps = db.prepareStatement("SELECT 1 FROM detections WHERE plate = ? LIMIT 1")) {
                ps.setString(1, p);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return p;
                    }
                }
            }
        }
    }
}
