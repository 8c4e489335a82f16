package org.platewatch.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Search at scale (issue 16): a year of detections (50 million by default) from about 400 cameras on a city
 * grid, generated once into a kept data directory with COPY; then each kind of search an investigator runs,
 * 200 times with random terms, through the real HTTP API (each one audited), beside the same predicates as a
 * forced sequential scan of the same table in the same run.
 *
 * <pre>bin/platewatch bench-search [DETECTIONS (50000000)] [--data-dir DIR] [--searches N] [--kinds K,K...]
 *     [--api-only] [--generate-only | --plans-only]</pre>
 *
 * {@code --kinds} (e.g. {@code exact,exact_one_day}) and {@code --api-only} (no direct SQL, no sequential scans) make a
 * quick run while tuning one kind; the recorded figures come from a full run.
 */
public final class SearchBenchmark {

    private SearchBenchmark() {}

    private static String valueAfter(String[] args, int i) {
        if (i + 1 >= args.length) {
            throw new IllegalArgumentException(args[i] + " needs a value");
        }
        return args[i + 1];
    }

    private static int positive(String raw, String what) {
        try {
            long n = Long.parseLong(raw);
            if (n > 0 && n <= Integer.MAX_VALUE) {
                return (int) n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("'" + raw + "' is not a positive number for " + what);
    }

    private static Set<SearchTerms.Kind> kinds(String raw) {
        Set<SearchTerms.Kind> kinds = EnumSet.noneOf(SearchTerms.Kind.class);
        for (String name : raw.split(",")) {
            try {
                kinds.add(SearchTerms.Kind.valueOf(name.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown kind '" + name.trim() + "' for --kinds (one of "
                        + Arrays.toString(SearchTerms.Kind.values()).toLowerCase(Locale.ROOT) + ")");
            }
        }
        return kinds;
    }

    public static void main(String[] args) throws Exception {
        long detections = 50_000_000;
        Path dataDir = null;
        int searches = 200;
        boolean generateOnly = false;
        boolean plansOnly = false;
        boolean apiOnly = false;
        Set<SearchTerms.Kind> kinds = EnumSet.allOf(SearchTerms.Kind.class);
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--data-dir" -> dataDir = Path.of(valueAfter(args, i++));
                    case "--searches" -> searches = positive(valueAfter(args, i++), "--searches");
                    case "--generate-only" -> generateOnly = true;
                    case "--plans-only" -> plansOnly = true;
                    case "--api-only" -> apiOnly = true;
                    case "--kinds" -> kinds = kinds(valueAfter(args, i++));
                    default -> {
                        if (args[i].startsWith("--")) {
                            throw new IllegalArgumentException("unknown option " + args[i]);
                        }
                        detections = positive(args[i].replace("_", ""), "DETECTIONS");
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            // a one-line answer, as every subcommand gives for bad input (never a stack trace)
            System.err.println("bench-search: " + e.getMessage() + " (bin/platewatch bench-search --help)");
            System.exit(2);
        }
        if (dataDir == null) {
            dataDir = Path.of(System.getProperty("user.home"), ".platewatch-bench", "search-" + detections);
        }
        dataDir = dataDir.toAbsolutePath();
        System.out.printf(
                Locale.ROOT,
                "Search benchmark: %,d detections in %s (%d cores)%n",
                detections,
                dataDir,
                Runtime.getRuntime().availableProcessors());
        try (BenchServer server = BenchServer.start(dataDir, Duration.ofMinutes(90));
                Connection db = BenchDatabase.connectAsOwner(dataDir)) {
            SearchDataSetLoad.Loaded loaded = SearchDataSetLoad.ensure(db, dataDir, detections);
            SearchDataSetLoad.Sizes sizes = SearchDataSetLoad.sizes(db);
            System.out.printf(
                    Locale.ROOT,
                    "%s data set: %,d detections (planner's estimate %,d), generated in %s;"
                            + " table %.2f GB, indexes %.2f GB, total %.2f GB%n",
                    loaded.reused() ? "Reused" : "Generated",
                    loaded.detections(),
                    sizes.rows(),
                    minutes(loaded.generation()),
                    sizes.tableBytes() / 1e9,
                    sizes.indexBytes() / 1e9,
                    (sizes.tableBytes() + sizes.indexBytes()) / 1e9);
            SearchDataSetLoad.indexSizes(db)
                    .forEach((name, bytes) ->
                            System.out.printf(Locale.ROOT, "  index %-28s %6.2f GB%n", name, bytes / 1e9));
            if (generateOnly) {
                return;
            }
            SearchRun run = new SearchRun(server, db, loaded.data(), detections, searches, kinds, apiOnly);
            if (plansOnly) {
                run.plans();
            } else {
                run.run();
            }
        }
    }

    private static String minutes(Duration d) {
        return String.format(Locale.ROOT, "%d min %02d s", d.toMinutes(), d.toSecondsPart());
    }
}
