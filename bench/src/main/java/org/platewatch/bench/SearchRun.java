package org.platewatch.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One measuring run over a loaded data set: every kind of search through the API (warm-up first, not
 * counted), then the same predicates as forced sequential scans, then each kind's plan, and the table of
 * figures with the targets.
 */
final class SearchRun {

    private static final int WARM_UP = 20;
    private static final int SEQ_SCANS = 3;
    /** Searches of each kind as the bench's own SQL on a direct connection: the database's share of a search. */
    private static final int DIRECT = 50;

    private final BenchServer server;
    private final Connection db;
    private final SearchDataSet data;
    private final int searches;
    private final long detections;
    private final Set<SearchTerms.Kind> kinds;
    private final boolean apiOnly;

    SearchRun(
            BenchServer server,
            Connection db,
            SearchDataSet data,
            long detections,
            int searches,
            Set<SearchTerms.Kind> kinds,
            boolean apiOnly) {
        this.kinds = kinds;
        this.apiOnly = apiOnly;
        this.server = server;
        this.db = db;
        this.data = data;
        this.detections = detections;
        this.searches = searches;
    }

    /** Only the plans of each kind (a quick look after a change of SQL or indexes). */
    void plans() throws Exception {
        explain(SearchTerms.sample(db, data, detections), new SqlSearches(db));
    }

    void run() throws Exception {
        SearchTerms terms = SearchTerms.sample(db, data, detections);
        prewarm();
        SqlSearches sql = new SqlSearches(db);
        Map<SearchTerms.Kind, Millis> api = new EnumMap<>(SearchTerms.Kind.class);
        Map<SearchTerms.Kind, long[]> hits = new EnumMap<>(SearchTerms.Kind.class);
        ApiSearches investigator = ApiSearches.asNewInvestigator(server);
        if (investigator.available()) {
            for (SearchTerms.Kind kind : kinds) {
                for (SearchTerms.Term t : terms.draw(kind, WARM_UP)) {
                    investigator.search(t, new long[1]);
                }
            }
            // kinds interleaved search by search, so that machine noise falls on all alike
            Map<SearchTerms.Kind, List<SearchTerms.Term>> drawn = new EnumMap<>(SearchTerms.Kind.class);
            for (SearchTerms.Kind kind : kinds) {
                drawn.put(kind, terms.draw(kind, searches));
                hits.put(kind, new long[searches]);
            }
            Map<SearchTerms.Kind, double[]> times = new EnumMap<>(SearchTerms.Kind.class);
            drawn.keySet().forEach(k -> times.put(k, new double[searches]));
            long[] total = new long[1];
            for (int i = 0; i < searches; i++) {
                for (SearchTerms.Kind kind : kinds) {
                    times.get(kind)[i] = investigator.search(drawn.get(kind).get(i), total);
                    hits.get(kind)[i] = total[0];
                }
            }
            times.forEach((k, v) -> api.put(k, new Millis(v)));
        } else {
            System.out.println("This server build has no search API (GET /api/v1/searches/purposes is not there):"
                    + " only the SQL baseline and plans are measured.");
        }
        if (apiOnly) {
            print(api, Map.of(), Map.of(), Map.of(), hits);
            return;
        }
        Map<SearchTerms.Kind, Millis> direct;
        try (java.sql.Statement s = db.createStatement()) {
            s.execute("SET plan_cache_mode = force_custom_plan");
            direct = direct(terms, sql);
            s.execute("RESET plan_cache_mode");
        }
        Map<SearchTerms.Kind, Millis> generic;
        try (Connection prepared = BenchDatabase.connectAsOwner(server.dataDir(), genericPlans())) {
            try (java.sql.Statement s = prepared.createStatement()) {
                s.execute("SET plan_cache_mode = force_generic_plan");
            }
            generic = direct(terms, new SqlSearches(prepared));
        }
        Map<SearchTerms.Kind, Millis> seq = new EnumMap<>(SearchTerms.Kind.class);
        for (SearchTerms.Kind kind : kinds) {
            List<SearchTerms.Term> scanned = terms.draw(kind, SEQ_SCANS);
            double[] ms = new double[SEQ_SCANS];
            long[] count = new long[1];
            for (int i = 0; i < SEQ_SCANS; i++) {
                ms[i] = sql.seqScan(scanned.get(i), count);
                System.out.printf(Locale.ROOT, "  seq scan %-34s %9.1f ms, %,d hits%n", kind.label, ms[i], count[0]);
            }
            seq.put(kind, new Millis(ms));
        }
        explain(terms, sql);
        print(api, direct, generic, seq, hits);
    }

    /**
     * Reads the indexes the searches use, and the plate's day counts, once into the operating system's cache
     * ({@code pg_prewarm}, mode {@code read}), as they are on a server that has been answering searches: timing
     * searches against a cache that a build or another process has just emptied measures the disk, not the search
     * (docs/benchmarks.md, runs 5 and 6). The table's rows are not read ahead: each search still fetches its hits'
     * rows as it would.
     */
    private void prewarm() throws Exception {
        long start = System.nanoTime();
        long blocks = 0;
        try (java.sql.Statement s = db.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm");
            try (java.sql.ResultSet rs = s.executeQuery("""
                    SELECT coalesce(sum(pg_prewarm(c.oid::regclass, 'read')), 0)
                    FROM pg_class c
                    WHERE c.relkind IN ('r', 'i') -- a partitioned table or index (V66) has no storage of its own
                      AND (c.relname = 'plate_days' OR c.relname LIKE 'plate\\_days\\_%'
                           OR (c.relkind = 'i' AND c.relname LIKE 'detections\\_p%'))
                    """)) {
                rs.next();
                blocks = rs.getLong(1);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "Prewarmed the search indexes and plate_days: %.2f GB in %.0f s%n",
                blocks * 8192 / 1e9,
                (System.nanoTime() - start) / 1e9);
    }

    /** Each kind as SQL with the indexes on a direct connection (the database's share of a search). */
    private Map<SearchTerms.Kind, Millis> direct(SearchTerms terms, SqlSearches sql) throws Exception {
        Map<SearchTerms.Kind, Millis> direct = new EnumMap<>(SearchTerms.Kind.class);
        for (SearchTerms.Kind kind : kinds) {
            List<SearchTerms.Term> drawn = terms.draw(kind, WARM_UP + DIRECT);
            double[] ms = new double[DIRECT];
            long[] count = new long[1];
            for (int i = 0; i < drawn.size(); i++) {
                double t = sql.indexed(drawn.get(i), count);
                if (i >= WARM_UP) {
                    ms[i - WARM_UP] = t;
                }
            }
            direct.put(kind, new Millis(ms));
        }
        return direct;
    }

    /**
     * A connection whose statements are server-prepared from their first use, planned once each as a generic
     * plan: what the searches would cost without planning over every day partition each time.
     */
    private static java.util.Properties genericPlans() {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("prepareThreshold", "1");
        return p;
    }

    /**
     * EXPLAIN (ANALYZE, BUFFERS) of each kind's two statements (page, total), as the server plans them now (a
     * custom plan per search) and as a generic prepared plan, into bench/target/search-plans.
     */
    private void explain(SearchTerms terms, SqlSearches sql) throws Exception {
        Path dir = Path.of(System.getProperty("platewatch.root", "."))
                .toAbsolutePath()
                .normalize()
                .resolve("bench/target/search-plans");
        Files.createDirectories(dir);
        for (SearchTerms.Kind kind : kinds) {
            SearchTerms.Term t = terms.draw(kind, 1).get(0);
            SqlSearches.Predicate p = SqlSearches.predicate(t);
            String name = kind.name().toLowerCase(Locale.ROOT);
            Path custom = dir.resolve(name + "-custom.txt");
            Path generic = dir.resolve(name + "-generic.txt");
            Files.deleteIfExists(custom);
            Files.deleteIfExists(generic);
            sql.explain(
                    SqlSearches.pageQuery(p), p.parameters(), kind.label + ", custom plan: first page, " + t, custom);
            sql.explainGeneric(
                    SqlSearches.pageQuery(p), p.parameters(), kind.label + ", generic plan: first page, " + t, generic);
        }
        System.out.println("Plans (EXPLAIN ANALYZE, BUFFERS) of each kind's SQL, custom and generic: " + dir);
    }

    private void print(
            Map<SearchTerms.Kind, Millis> api,
            Map<SearchTerms.Kind, Millis> direct,
            Map<SearchTerms.Kind, Millis> generic,
            Map<SearchTerms.Kind, Millis> seq,
            Map<SearchTerms.Kind, long[]> hits) {
        System.out.printf(
                Locale.ROOT,
                "%nSearch at %,d detections: %d searches of each kind through the API"
                        + " (after %d of each to warm up); %d of each as SQL with the indexes on a direct connection"
                        + " (page with total), as custom plans (planned each time) and as generic prepared plans"
                        + " (the server's way since V36); %d forced sequential scans"
                        + " of each%n",
                detections,
                api.isEmpty() ? 0 : searches,
                WARM_UP,
                DIRECT,
                SEQ_SCANS);
        System.out.printf(
                Locale.ROOT,
                "%-34s %9s %9s %9s %8s %9s %9s %9s %9s %11s %8s %8s%n",
                "kind",
                "API p50",
                "API p95",
                "API max",
                "hits p50",
                "cust p50",
                "cust p95",
                "gen p50",
                "gen p95",
                "seq p50",
                "seq/API",
                "target");
        for (SearchTerms.Kind kind : kinds) {
            Millis none = new Millis(new double[] {Double.NaN});
            Millis s = seq.getOrDefault(kind, none);
            Millis d = direct.getOrDefault(kind, none);
            Millis g = generic.getOrDefault(kind, none);
            String target = switch (kind) {
                case EXACT -> "p95<20";
                case EXACT_ONE_DAY -> "-";
                default -> "p95<200";
            };
            Millis a = api.get(kind);
            String apiColumns = a == null
                    ? String.format(Locale.ROOT, "%9s %9s %9s %8s", "-", "-", "-", "-")
                    : String.format(
                            Locale.ROOT,
                            "%6.1f ms %6.1f ms %6.1f ms %8.0f",
                            a.p(50),
                            a.p(95),
                            a.max(),
                            new Millis(java.util.Arrays.stream(hits.get(kind))
                                            .asDoubleStream()
                                            .toArray())
                                    .p(50));
            System.out.printf(
                    Locale.ROOT,
                    "%-34s %s %9s %9s %9s %9s %11s %8s %8s%n",
                    kind.label,
                    apiColumns,
                    milliseconds(d.p(50)),
                    milliseconds(d.p(95)),
                    milliseconds(g.p(50)),
                    milliseconds(g.p(95)),
                    milliseconds(s.p(50)),
                    a == null || Double.isNaN(s.p(50)) ? "-" : String.format(Locale.ROOT, "%.1fx", s.p(50) / a.p(50)),
                    target);
        }
    }

    /** A column's figure, or "-" for a kind this run did not measure that way ({@code --api-only}). */
    private static String milliseconds(double ms) {
        return Double.isNaN(ms) ? "-" : String.format(Locale.ROOT, "%.1f ms", ms);
    }
}
