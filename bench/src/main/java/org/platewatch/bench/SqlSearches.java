package org.platewatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * The searches as plain SQL on the owner's connection: the baseline (the same predicates with index and
 * bitmap scans switched off, so each is a sequential scan of every partition the predicate does not prune),
 * and each kind's plan with EXPLAIN (ANALYZE, BUFFERS), saved for diagnosis.
 */
final class SqlSearches {

    /** The canonical form of plate-core's confusable classes, as the search contract's indexes have it. */
    static final String CANONICAL = "translate(%s, 'ODQILBSZG', '000118526')";
    private static final double METRES_PER_DEGREE_LAT = 111_320;

    private final Connection db;

    SqlSearches(Connection db) {
        this.db = db;
    }

    /** A WHERE clause and its parameters. */
    record Predicate(String sql, List<Object> parameters) {}

    /** The predicate of one search, as the contract defines it (? one character, * any run). */
    static Predicate predicate(SearchTerms.Term t) {
        List<Object> params = new ArrayList<>();
        String sql;
        switch (t.kind()) {
            case EXACT -> {
                sql = "plate = ?";
                params.add(t.plate());
            }
            case PREFIX_SUFFIX, FIRST_UNKNOWN -> {
                // the canonical trigram index narrows, the plate's own LIKE decides
                String like = t.plate().replace('?', '_').replace("*", "%");
                sql = CANONICAL.formatted("plate") + " LIKE " + CANONICAL.formatted("?") + " AND plate LIKE ?";
                params.add(like);
                params.add(like);
            }
            case CONFUSABLE -> {
                sql = CANONICAL.formatted("plate") + " = " + CANONICAL.formatted("?");
                params.add(t.plate());
            }
            case CANVASS -> {
                double lat = t.camera().latitude();
                double lon = t.camera().longitude();
                double dLat = SearchTerms.RADIUS_METRES / METRES_PER_DEGREE_LAT;
                double dLon = dLat / Math.cos(Math.toRadians(lat));
                // the box lets the GiST index narrow; the great-circle distance decides
                sql = "captured_at >= ? AND captured_at < ? AND location <@ box(point(?, ?), point(?, ?))"
                        + " AND 2 * 6371008.8 * asin(sqrt(power(sin(radians(location[1] - ?) / 2), 2)"
                        + " + cos(radians(?)) * cos(radians(location[1])) * power(sin(radians(location[0] - ?) / 2), 2)))"
                        + " <= ?";
                params.addAll(List.of(Timestamp.from(t.from()), Timestamp.from(t.to()), lon - dLon, lat - dLat,
                        lon + dLon, lat + dLat, lat, lat, lon, (double) SearchTerms.RADIUS_METRES));
            }
            default -> throw new IllegalArgumentException(t.kind().name());
        }
        return new Predicate(sql, params);
    }

    /** A first page as a search shows it: the newest 50 hits, and how many there are in all. */
    static String pageQuery(Predicate p) {
        return "SELECT read_id, captured_at, plate, state, confidence, location, device_id FROM detections WHERE "
                + p.sql() + " ORDER BY captured_at DESC, read_id LIMIT 50";
    }

    static String countQuery(Predicate p) {
        return "SELECT count(*) FROM detections WHERE " + p.sql();
    }

    /** One search as a forced sequential scan; returns milliseconds, the hit count in {@code count[0]}. */
    double seqScan(SearchTerms.Term t, long[] count) throws SQLException {
        Predicate p = predicate(t);
        try (Statement s = db.createStatement()) {
            s.execute("SET enable_indexscan = off");
            s.execute("SET enable_bitmapscan = off");
            s.execute("SET enable_indexonlyscan = off");
        }
        try {
            long start = System.nanoTime();
            try (PreparedStatement ps = prepare(countQuery(p), p)) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    count[0] = rs.getLong(1);
                }
            }
            return (System.nanoTime() - start) / 1e6;
        } finally {
            try (Statement s = db.createStatement()) {
                s.execute("RESET enable_indexscan");
                s.execute("RESET enable_bitmapscan");
                s.execute("RESET enable_indexonlyscan");
            }
        }
    }

    /**
     * One search as the server would run it, with the indexes: its first page and its total, straight on this
     * connection (no HTTP, no audit). Milliseconds; the total in {@code count[0]}.
     */
    double indexed(SearchTerms.Term t, long[] count) throws SQLException {
        Predicate p = predicate(t);
        long start = System.nanoTime();
        try (PreparedStatement ps = prepare(pageQuery(p), p);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rs.getObject(1);
            }
        }
        try (PreparedStatement ps = prepare(countQuery(p), p);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            count[0] = rs.getLong(1);
        }
        return (System.nanoTime() - start) / 1e6;
    }

    /**
     * Writes EXPLAIN (ANALYZE, BUFFERS) of the SQL, with the term's parameters, to {@code file}; after two
     * unexplained runs, so that the planning time is that of a connection that has seen the partitions before
     * (as the server's pooled ones have), not of a cold one.
     */
    void explain(String sql, List<Object> params, String heading, Path file) throws SQLException, IOException {
        StringBuilder out = new StringBuilder("-- ").append(heading).append('\n').append(sql).append("\n-- ")
                .append(params).append("\n\n");
        for (int run = 0; run < 2; run++) {
            try (PreparedStatement ps = db.prepareStatement(sql)) {
                for (int i = 0; i < params.size(); i++) {
                    ps.setObject(i + 1, params.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rs.getObject(1);
                    }
                }
            }
        }
        try (PreparedStatement ps = db.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + sql)) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.append(rs.getString(1)).append('\n');
                }
            }
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, out.append('\n'), java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
    }

    private PreparedStatement prepare(String sql, Predicate p) throws SQLException {
        PreparedStatement ps = db.prepareStatement(sql);
        for (int i = 0; i < p.parameters().size(); i++) {
            ps.setObject(i + 1, p.parameters().get(i));
        }
        return ps;
    }
}
