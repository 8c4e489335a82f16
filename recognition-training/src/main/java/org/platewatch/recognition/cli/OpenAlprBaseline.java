package org.platewatch.recognition.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.platewatch.plate.PlateText;

/**
 * {@code bench-recognition DIR --baseline openalpr}: the open-source OpenALPR engine ({@code alpr},
 * built by {@code shared/tools/openalpr/build.sh}) on the same photos in the same run, timed the
 * way Platewatch is: one process, the first photo read once untimed, then each photo's wall time
 * (decoding included) and the CPU time of the whole process while it read that photo, each photo
 * right after Platewatch has read it.
 *
 * <p>{@code alpr} reads file names from its standard input when given {@code stdin}: one name is
 * written, its one JSON line awaited, so each photo is timed alone and no command line grows
 * with the folder.
 */
final class OpenAlprBaseline implements AutoCloseable {

    /**
     * Where build.sh installs by default; {@code PLATEWATCH_OPENALPR} (or the system property
     * {@code platewatch.openalpr}, which tests set) names another prefix.
     */
    static final String DEFAULT_PREFIX = "/tmp/openalpr-baseline";

    /** Each {@code "plate":"…","confidence":N} pair of a result or of one of its candidates. */
    private static final Pattern PLATE = Pattern.compile("\"plate\":\"([^\"]*)\",\"confidence\":([0-9.eE+-]+)");

    private static final Pattern ENGINE_MS = Pattern.compile("\"processing_time_ms\":([0-9.eE+-]+)");

    /** Top-1 count, and per photo: wall ms, CPU ms, and the engine's own ms (decoding excluded). */
    record Figures(int photos, int top1, double[] wallMs, double[] cpuMs, double[] engineMs) {}

    static Path prefix() {
        String configured = System.getProperty("platewatch.openalpr", System.getenv("PLATEWATCH_OPENALPR"));
        return Path.of(configured == null || configured.isBlank() ? DEFAULT_PREFIX : configured);
    }

    /** Refuses, as a usage error, a prefix where build.sh has not installed alpr. */
    static void requireInstalled(Path prefix) {
        if (!Files.isExecutable(prefix.resolve("bin/alpr"))) {
            throw new RecognitionCli.UsageException("--baseline openalpr: no " + prefix.resolve("bin/alpr")
                    + " (build it with shared/tools/openalpr/build.sh PREFIX and set PLATEWATCH_OPENALPR=PREFIX)");
        }
    }

    /**
     * Starts alpr and reads {@code warmUp} once, untimed, as Platewatch's first photo is. The
     * caller then reads each photo right after Platewatch's, so both see the same load on a
     * shared machine; one engine after the other met different neighbours.
     */
    static OpenAlprBaseline start(Path prefix, String country, Path warmUp) {
        ProcessBuilder builder = new ProcessBuilder(
                        prefix.resolve("bin/alpr").toString(),
                        "--config",
                        prefix.resolve("etc/openalpr/openalpr.conf").toString(),
                        "-c",
                        country,
                        "-j",
                        "-n",
                        "10",
                        "stdin")
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("LD_LIBRARY_PATH", prefix.resolve("lib").toString());
        Process alpr;
        try {
            alpr = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + prefix.resolve("bin/alpr"), e);
        }
        OpenAlprBaseline baseline = new OpenAlprBaseline(alpr);
        baseline.answer(warmUp);
        return baseline;
    }

    private final Process alpr;
    private final Writer names;
    private final BufferedReader lines;
    private final List<double[]> timings = new ArrayList<>();
    private int top1;

    private OpenAlprBaseline(Process alpr) {
        this.alpr = alpr;
        this.names = new OutputStreamWriter(alpr.getOutputStream(), StandardCharsets.UTF_8);
        this.lines = new BufferedReader(new InputStreamReader(alpr.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Reads one labelled photo, timed alone: wall clock, alpr's CPU time, the engine's own ms. */
    void read(LabelledSet.Item item) {
        long cpuStart = cpuNanos(alpr);
        long start = System.nanoTime();
        String json = answer(item.image());
        double wall = (System.nanoTime() - start) / 1e6;
        double cpu = (cpuNanos(alpr) - cpuStart) / 1e6;
        timings.add(new double[] {wall, cpu, engineMs(json)});
        if (bestPlate(json).equals(PlateText.normalise(item.plate()))) {
            top1++;
        }
    }

    Figures figures() {
        int n = timings.size();
        double[] wall = new double[n];
        double[] cpu = new double[n];
        double[] engine = new double[n];
        for (int i = 0; i < n; i++) {
            wall[i] = timings.get(i)[0];
            cpu[i] = timings.get(i)[1];
            engine[i] = timings.get(i)[2];
        }
        return new Figures(n, top1, wall, cpu, engine);
    }

    @Override
    public void close() {
        alpr.destroy();
    }

    private String answer(Path image) {
        try {
            names.write(image.toAbsolutePath() + "\n");
            names.flush();
            String line = lines.readLine();
            if (line == null) {
                throw new IOException("alpr ended before reading " + image);
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException("OpenALPR stopped answering", e);
        }
    }

    /** The most confident plate of all results (a photo can show several cars), normalised; "" for none. */
    static String bestPlate(String json) {
        Matcher m = PLATE.matcher(json);
        String best = "";
        double bestConfidence = -1;
        while (m.find()) {
            double confidence = Double.parseDouble(m.group(2));
            if (confidence > bestConfidence) {
                bestConfidence = confidence;
                best = m.group(1);
            }
        }
        return PlateText.normalise(best);
    }

    static double engineMs(String json) {
        Matcher m = ENGINE_MS.matcher(json);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    /** CPU time of alpr, all threads (the kernel's count, in clock ticks of 10 ms). */
    private static long cpuNanos(Process p) {
        return p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    /** The baseline's figures and, side by side, Platewatch's and the ratios (Platewatch / OpenALPR). */
    static void print(PrintStream out, BenchCommand.Figures platewatch, Figures alpr, String country) {
        double[] wall = sorted(alpr.wallMs());
        double[] cpu = sorted(alpr.cpuMs());
        double[] engine = sorted(alpr.engineMs());
        double alprTop1 = 100.0 * alpr.top1() / alpr.photos();
        double alprMedian = BenchCommand.percentile(wall, 50);
        double alprCpu = BenchCommand.percentile(cpu, 50);
        out.printf(
                Locale.ROOT,
                "baseline OpenALPR (alpr -c %s, same photos, same run, each photo right after Platewatch):%n",
                country);
        out.printf(Locale.ROOT, "  top-1 %.1f %% (%d/%d)%n", alprTop1, alpr.top1(), alpr.photos());
        out.printf(
                Locale.ROOT,
                "  ms per image (wall clock, decode included): median %.0f, p95 %.0f; engine only: median %.0f%n",
                alprMedian,
                BenchCommand.percentile(wall, 95),
                BenchCommand.percentile(engine, 50));
        out.printf(
                Locale.ROOT,
                "  CPU ms per image: median %.0f, p95 %.0f, mean %.0f%n",
                alprCpu,
                BenchCommand.percentile(cpu, 95),
                java.util.Arrays.stream(cpu).average().orElse(0));
        out.println("side by side             Platewatch   OpenALPR   ratio (Platewatch / OpenALPR)");
        row(out, "top-1 %", platewatch.top1Percent(), alprTop1, "%.1f");
        row(out, "median ms per image", platewatch.medianMs(), alprMedian, "%.0f");
        row(out, "median CPU ms per image", platewatch.medianCpuMs(), alprCpu, "%.0f");
    }

    private static void row(PrintStream out, String name, double ours, double theirs, String format) {
        out.printf(
                Locale.ROOT,
                "  %-23s %10s %10s   %s%n",
                name,
                String.format(Locale.ROOT, format, ours),
                String.format(Locale.ROOT, format, theirs),
                theirs == 0 ? "-" : String.format(Locale.ROOT, "%.2f", ours / theirs));
    }

    private static double[] sorted(double[] values) {
        double[] copy = values.clone();
        java.util.Arrays.sort(copy);
        return copy;
    }
}
