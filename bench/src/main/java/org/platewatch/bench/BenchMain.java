package org.platewatch.bench;

import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Runs JMH with the usual command line ({@code HotlistMatch -f 1 -wi 3 -i 5}) and then prints
 * each hot-list index result as a ratio to the HashMap baseline measured in the same run.
 */
public final class BenchMain {

    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        Collection<RunResult> results = new Runner(new CommandLineOptions(args)).run();
        RunResult baseline = null;
        for (RunResult r : results) {
            if (r.getParams().getBenchmark().endsWith(".hashMapBaseline")) {
                baseline = r;
            }
        }
        if (baseline == null) {
            System.out.println("No HashMap baseline in this run; include HotlistMatchBenchmark.hashMapBaseline.");
            return;
        }
        double base = baseline.getPrimaryResult().getScore();
        System.out.printf(Locale.ROOT, "%nHashMap<String,HotlistEntry>.get baseline: %,.0f reads/s%n", base);
        for (RunResult r : results) {
            if (!r.getParams().getBenchmark().endsWith(".indexMatch")) {
                continue;
            }
            double score = r.getPrimaryResult().getScore();
            System.out.printf(
                    Locale.ROOT,
                    "HotlistIndex.match, %s partial entries: %,.0f reads/s, baseline/index = %.2fx%n",
                    r.getParams().getParam("partialEntries"),
                    score,
                    base / score);
        }
    }
}
