package org.platewatch.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.platewatch.plate.UsState;
import org.platewatch.plate.hotlist.HotlistEntry;
import org.platewatch.plate.hotlist.HotlistIndex;

/**
 * The same comparison as {@link HotlistMatchBenchmark}, made to survive a shared, loaded machine.
 *
 * <p>JMH measures wall time and runs the baseline and the index one after the other, so when
 * other work comes and goes on a 2-core box their ratio swings by 3x between runs. Here the two
 * alternate in short slices (ABBA order, so drift falls on both) and each slice is timed in this
 * thread's CPU time, which excludes the time the scheduler gave to others. The median of the
 * per-round ratios is the figure to quote; JMH's run remains the reference for absolute numbers.
 *
 * <p>Run: {@code java -cp bench/target/classes:$(cat bench/target/classpath.txt)
 * org.platewatch.bench.HotlistPairedRun [partialEntries] [rounds]}
 */
public final class HotlistPairedRun {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int PASSES_PER_SLICE = 8;

    private static long sink;

    private HotlistPairedRun() {}

    public static void main(String[] args) {
        int partials = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        HotlistWorkload workload =
                HotlistWorkload.generate(HotlistMatchBenchmark.ENTRIES, partials, HotlistMatchBenchmark.READS);
        HotlistIndex index = HotlistIndex.build(workload.entries);
        Map<String, HotlistEntry> map = new HashMap<>(HotlistMatchBenchmark.ENTRIES * 2);
        workload.entries.forEach(e -> map.put(e.platePattern(), e));

        for (int i = 0; i < 10; i++) { // JIT warm-up of both loops
            indexSlice(index, workload);
            mapSlice(map, workload);
        }
        double[] indexNs = new double[rounds];
        double[] mapNs = new double[rounds];
        double[] ratio = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            boolean indexFirst = r % 2 == 0;
            long a = indexFirst ? indexSlice(index, workload) : mapSlice(map, workload);
            long b = indexFirst ? mapSlice(map, workload) : indexSlice(index, workload);
            indexNs[r] = perRead(indexFirst ? a : b);
            mapNs[r] = perRead(indexFirst ? b : a);
            ratio[r] = indexNs[r] / mapNs[r];
        }
        System.out.printf(
                Locale.ROOT,
                "1 M entries, %d partial entries, %d rounds of %d reads each, CPU time:%n",
                partials,
                rounds,
                PASSES_PER_SLICE * HotlistMatchBenchmark.READS);
        System.out.printf(
                Locale.ROOT,
                "  HotlistIndex.match      median %6.1f ns/read = %,12.0f reads/CPU-s%n",
                median(indexNs),
                1e9 / median(indexNs));
        System.out.printf(
                Locale.ROOT,
                "  HashMap.get baseline    median %6.1f ns/read = %,12.0f reads/CPU-s%n",
                median(mapNs),
                1e9 / median(mapNs));
        System.out.printf(
                Locale.ROOT,
                "  index/baseline time     median %.2fx (quartiles %.2fx .. %.2fx)%n",
                median(ratio),
                quantile(ratio, 0.25),
                quantile(ratio, 0.75));
        System.out.println("  (sink " + sink + ")");
    }

    private static long indexSlice(HotlistIndex index, HotlistWorkload w) {
        String[] plates = w.reads;
        UsState[] states = w.readStates;
        long start = THREADS.getCurrentThreadCpuTime();
        long hits = 0;
        for (int pass = 0; pass < PASSES_PER_SLICE; pass++) {
            for (int i = 0; i < plates.length; i++) {
                hits += index.match(plates[i], states[i]).size();
            }
        }
        sink += hits;
        return THREADS.getCurrentThreadCpuTime() - start;
    }

    private static long mapSlice(Map<String, HotlistEntry> map, HotlistWorkload w) {
        String[] plates = w.reads;
        long start = THREADS.getCurrentThreadCpuTime();
        long hits = 0;
        for (int pass = 0; pass < PASSES_PER_SLICE; pass++) {
            for (int i = 0; i < plates.length; i++) {
                hits += map.get(plates[i]) != null ? 1 : 0;
            }
        }
        sink += hits;
        return THREADS.getCurrentThreadCpuTime() - start;
    }

    private static double perRead(long cpuNanos) {
        return (double) cpuNanos / (PASSES_PER_SLICE * HotlistMatchBenchmark.READS);
    }

    private static double median(double[] values) {
        return quantile(values, 0.5);
    }

    private static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.round(q * (sorted.length - 1))];
    }
}
