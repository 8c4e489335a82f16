package org.platewatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.platewatch.plate.PlatePattern;
import org.platewatch.plate.hotlist.ConfusableCharacters;

/**
 * The searches as plain SQL on the owner's connection: the baseline (the same predicates with index and
 * bitmap scans switched off, so each is a sequential scan of every partition the predicate does not prune),
 * and each kind's plan with EXPLAIN (ANALYZE, BUFFERS), saved for diagnosis.
 */
final class SqlSearches {

    private static final double EARTH_RADIUS_METERS = 6_371_008.8;
    private static final double METERS_PER_DEGREE_LATITUDE = Math.PI * EARTH_RADIUS_METERS / 180;
    private static final String CANONICAL_PLATE = "translate(d.plate, 'ODQILBSZG', '000118526')";

    private final Connection db;

    SqlSearches(Connection db) {
        this.db = db;
    }

    /** A WHERE clause over {@code detections d} and its parameters. */
    /** {@code keysFirst}: the server finds the results' keys in the covering index first (V86, a known beginning). */
    record Predicate(String sql, List<Object> parameters, boolean keysFirst) {}

    /**
     * The WHERE clause the server's search builds for the term (server search.DetectionFilter, copied: bench does
     * not link against server), with now as the snapshot of what had been received.
     */
    static Predicate predicate(SearchTerms.Term t) {
        List<String> clauses = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        boolean keysFirst = false;
        clauses.add("d.received_at <= ?");
        params.add(OffsetDateTime.now(ZoneOffset.UTC));
        switch (t.kind()) {
            case EXACT -> {
                clauses.add("d.plate = ?");
                params.add(t.plate());
            }
            case EXACT_ONE_DAY -> {
                clauses.add("d.plate = ?");
                params.add(t.plate());
                clauses.add("d.captured_at >= ?");
                params.add(OffsetDateTime.ofInstant(t.from(), ZoneOffset.UTC));
                clauses.add("d.captured_at < ?");
                params.add(OffsetDateTime.ofInstant(t.to(), ZoneOffset.UTC));
            }
            case PREFIX_SUFFIX, FIRST_UNKNOWN -> {
                // a known beginning or end is a range of the btree on the canonical form or its reverse (V36);
                // only a known middle goes to the trigram index
                String canonical = ConfusableCharacters.canonical(t.plate());
                String prefix = literalPrefix(canonical);
                String reversed =
                        literalPrefix(new StringBuilder(canonical).reverse().toString());
                if (Math.max(prefix.length(), reversed.length()) >= 2) {
                    boolean front = prefix.length() >= reversed.length();
                    keysFirst = front;
                    String column = front ? CANONICAL_PLATE : "reverse(" + CANONICAL_PLATE + ")";
                    String start = front ? prefix : reversed;
                    clauses.add(column + " ~>=~ ? AND " + column + " ~<~ ?");
                    params.add(start);
                    params.add(start.substring(0, start.length() - 1) + (char) (start.charAt(start.length() - 1) + 1));
                    clauses.add("(" + CANONICAL_PLATE + " || '') LIKE ?");
                } else {
                    clauses.add(CANONICAL_PLATE + " LIKE ?");
                }
                params.add(PlatePattern.toSqlLike(canonical));
                clauses.add("d.plate LIKE ?");
                params.add(PlatePattern.toSqlLike(t.plate()));
            }
            case CONFUSABLE -> {
                clauses.add(CANONICAL_PLATE + " = ?");
                params.add(ConfusableCharacters.canonical(t.plate()));
            }
            case CANVASS -> {
                clauses.add("d.captured_at >= ?");
                params.add(OffsetDateTime.ofInstant(t.from(), ZoneOffset.UTC));
                clauses.add("d.captured_at < ?");
                params.add(OffsetDateTime.ofInstant(t.to(), ZoneOffset.UTC));
                double lat = t.camera().latitude();
                double lon = t.camera().longitude();
                double dLat = SearchTerms.RADIUS_METRES / METERS_PER_DEGREE_LATITUDE;
                double dLon = dLat / Math.max(Math.cos(Math.toRadians(lat)), 0.01);
                clauses.add("d.location <@ box(point(?, ?), point(?, ?))");
                params.addAll(List.of(lon - dLon, lat - dLat, lon + dLon, lat + dLat));
                clauses.add("2 * " + EARTH_RADIUS_METERS + " * asin(least(1, sqrt("
                        + "power(sin(radians(d.location[1] - ?) / 2), 2)"
                        + " + cos(radians(?)) * cos(radians(d.location[1]))"
                        + " * power(sin(radians(d.location[0] - ?) / 2), 2)))) <= ?");
                params.addAll(List.of(lat, lat, lon, (double) SearchTerms.RADIUS_METRES));
            }
            default -> throw new IllegalArgumentException(t.kind().name());
        }
        return new Predicate(String.join("\n  AND ", clauses), params, keysFirst);
    }

    private static String literalPrefix(String pattern) {
        int i = 0;
        while (i < pattern.length() && pattern.charAt(i) != '?' && pattern.charAt(i) != '*') {
            i++;
        }
        return pattern.substring(0, i);
    }

    /**
     * The first page with its total, as the server's search.SearchStore.firstPage asks for it (one more than a page
     * of 50, the total counted before the limit).
     */
    static String pageQuery(Predicate p) {
        String columns = "d.read_id, d.captured_at, d.plate, d.state, d.confidence, d.location[0] AS longitude,"
                + " d.location[1] AS latitude, d.heading_degrees, d.device_id, dv.name AS camera_name,"
                + " d.vehicle_make, d.vehicle_model, d.vehicle_color, d.vehicle_type,"
                + " d.image_sha256 IS NOT NULL AS has_image";
        if (p.keysFirst()) {
            // search.SearchStore.keysFirst: keys and total index-only, then the page's rows
            return "WITH k AS MATERIALIZED (SELECT d.captured_at, d.read_id, count(*) OVER () AS total"
                    + " FROM detections d WHERE " + p.sql()
                    + " ORDER BY d.captured_at DESC, d.read_id DESC LIMIT 51)"
                    + " SELECT " + columns + ", k.total"
                    + " FROM k CROSS JOIN LATERAL (SELECT * FROM detections x WHERE x.read_id = k.read_id"
                    + " AND x.captured_at = k.captured_at LIMIT 1) d"
                    + " LEFT JOIN devices dv ON dv.id = d.device_id ORDER BY d.captured_at DESC, d.read_id DESC";
        }
        return "SELECT " + columns + ", count(*) OVER () AS total"
                + " FROM detections d LEFT JOIN devices dv ON dv.id = d.device_id WHERE " + p.sql()
                + " ORDER BY d.captured_at DESC, d.read_id DESC LIMIT 51";
    }

    /** The total alone (the forced sequential scans count). */
    static String countQuery(Predicate p) {
        return "SELECT count(*) FROM detections d WHERE " + p.sql();
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
            // its own SQL text: a statement the driver had server-prepared for the indexed runs would keep the
            // plan it was given then (PostgreSQL does not replan a cached plan when enable_* changes)
            try (PreparedStatement ps = prepare("/* forced sequential scan */ " + countQuery(p), p)) {
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
     * One search as the server runs it, with the indexes: its first page with the total, in one statement, straight
     * on this connection (no HTTP, no audit). Milliseconds; the total in {@code count[0]}.
     */
    double indexed(SearchTerms.Term t, long[] count) throws SQLException {
        Predicate p = predicate(t);
        long start = System.nanoTime();
        count[0] = 0;
        try (PreparedStatement ps = prepare(pageQuery(p), p);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                count[0] = rs.getLong("total");
            }
        }
        return (System.nanoTime() - start) / 1e6;
    }

    /**
     * Writes EXPLAIN (ANALYZE, BUFFERS) of the SQL, with the term's parameters, to {@code file}; after two
     * unexplained runs, so that the planning time is that of a connection that has seen the partitions before
     * (as the server's pooled ones have), not of a cold one.
     */
    void explain(String sql, List<Object> params, String heading, Path file) throws SQLException, IOException {
        StringBuilder out = new StringBuilder("-- ")
                .append(heading)
                .append('\n')
                .append(sql)
                .append("\n-- ")
                .append(params)
                .append("\n\n");
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
        Files.writeString(
                file,
                out.append('\n'),
                java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
    }

    /**
     * The same as {@link #explain} for the generic plan PostgreSQL caches for a prepared statement (planned once
     * without the values; pruning by the time window at execution): PREPARE, EXECUTE twice, EXPLAIN EXECUTE.
     * The values are written as quoted literals: the bench's own terms, plate characters, numbers and times.
     */
    void explainGeneric(String sql, List<Object> params, String heading, Path file) throws SQLException, IOException {
        StringBuilder numbered = new StringBuilder();
        int n = 0;
        for (char c : sql.toCharArray()) {
            if (c == '?') {
                numbered.append('$').append(++n);
            } else {
                numbered.append(c);
            }
        }
        List<String> literals = new ArrayList<>();
        for (Object v : params) {
            String text = v.toString();
            if (!text.matches("[A-Za-z0-9_%:.+\\-]+")) {
                throw new IllegalArgumentException("not a plain literal: " + text);
            }
            literals.add("'" + text + "'");
        }
        String execute = "EXECUTE bench_generic(" + String.join(", ", literals) + ")";
        StringBuilder out = new StringBuilder("-- ")
                .append(heading)
                .append('\n')
                .append(numbered)
                .append("\n-- ")
                .append(execute)
                .append("\n\n");
        try (Statement s = db.createStatement()) {
            s.execute("SET plan_cache_mode = force_generic_plan");
            s.execute("PREPARE bench_generic AS " + numbered);
            try {
                s.execute(execute);
                s.execute(execute);
                try (ResultSet rs = s.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + execute)) {
                    while (rs.next()) {
                        out.append(rs.getString(1)).append('\n');
                    }
                }
            } finally {
                s.execute("DEALLOCATE bench_generic");
                s.execute("RESET plan_cache_mode");
            }
        }
        Files.createDirectories(file.getParent());
        Files.writeString(
                file,
                out.append('\n'),
                java.nio.file.StandardOpenOption.CREATE,
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
