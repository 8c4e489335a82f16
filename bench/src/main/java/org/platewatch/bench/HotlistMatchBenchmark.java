package org.platewatch.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.platewatch.plate.UsState;
import org.platewatch.plate.hotlist.HotlistEntry;
import org.platewatch.plate.hotlist.HotlistIndex;
import org.platewatch.plate.hotlist.HotlistMatch;

/**
 * Single-thread throughput of {@link HotlistIndex#match} against a 1 M-entry hot list, beside a
 * plain {@code HashMap<String, HotlistEntry>.get} over the same reads as the baseline.
 *
 * <p>One operation is one read. The baseline answers far less (exact text only, no state, no
 * confusables, no partials) and profits from the read Strings caching their hash code after the
 * first pass through the pool, which the index does not use; the ratio is therefore a
 * conservative one. {@link BenchMain} prints the ratio.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 4)
@Measurement(iterations = 5, time = 4)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@Threads(1)
public class HotlistMatchBenchmark {

    static final int ENTRIES = 1_000_000;
    // 64 Ki reads: far bigger than the CPU's branch history, small beside the 1 M-entry tables.
    static final int READS = 1 << 16;

    @State(Scope.Thread)
    public static class Reads {
        String[] plates;
        UsState[] states;
        int next;

        void load(HotlistWorkload workload) {
            plates = workload.reads;
            states = workload.readStates;
        }

        int nextIndex() {
            return next++ & (READS - 1);
        }
    }

    @State(Scope.Thread)
    public static class IndexState extends Reads {
        /** How many custom BOLO patterns sit beside the 1 M listed plates; they are scanned. */
        @Param({"0", "20"})
        int partialEntries;

        HotlistIndex index;

        @Setup(Level.Trial)
        public void setUp() {
            HotlistWorkload workload = HotlistWorkload.generate(ENTRIES, partialEntries, READS);
            index = HotlistIndex.build(workload.entries);
            load(workload);
        }
    }

    @State(Scope.Thread)
    public static class BaselineState extends Reads {
        Map<String, HotlistEntry> map;

        @Setup(Level.Trial)
        public void setUp() {
            HotlistWorkload workload = HotlistWorkload.generate(ENTRIES, 0, READS);
            map = new HashMap<>(ENTRIES * 2);
            for (HotlistEntry e : workload.entries) {
                map.put(e.platePattern(), e);
            }
            load(workload);
        }
    }

    @Benchmark
    public List<HotlistMatch> indexMatch(IndexState s) {
        int i = s.nextIndex();
        return s.index.match(s.plates[i], s.states[i]);
    }

    @Benchmark
    public HotlistEntry hashMapBaseline(BaselineState s) {
        return s.map.get(s.plates[s.nextIndex()]);
    }
}
