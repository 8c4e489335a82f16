package org.platewatch.recognition.cli;

import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.platewatch.plate.PlateText;
import org.platewatch.recognition.PlateCandidate;
import org.platewatch.recognition.Recognizer;
import org.platewatch.recognition.StageProfile;
import org.platewatch.recognition.UnreadableImageException;

/**
 * {@code bench-recognition DIR [--top N] [--baseline openalpr]}: scores the recogniser against a
 * labelled folder and prints accuracy, time per image and every miss; with a baseline, the
 * OpenALPR engine's figures on the same photos in the same run beside them.
 */
final class BenchCommand {

    static final String HELP = """
            Usage: platewatch bench-recognition DIR [--top N] [--verbose] [--stages] [--held-out | --fold K]
                                                [--baseline openalpr [--baseline-country C]]
            Scores recognition on a labelled folder laid out like shared/datasets/plates/us
            (NAME.jpg + NAME.txt) or us-crops (groundtruth.csv: file,state,PLATE).
            Prints top-1 and top-N accuracy, median and p95 milliseconds per image (decode
            included; the first image is read once untimed to warm up), and each miss.
            For crops it also prints issuing-state accuracy and the share left unknown. Plates
            compare after upper-casing and removing spaces and dashes; a second figure treats
            the letter O and the digit 0 as equal (the eu/ labels often confuse them).
              --top N     N for the top-N figure (default 3)
              --verbose   print every image's candidates
              --stages    also print where the time goes: each stage's median and mean wall
                          ms per photo (decode, pixels, scene detection's resize / model /
                          boxes, localisation, glances, second look, close-ups, post-processing,
                          issuing state, and the vehicle colour, which is timed apart and not in
                          the ms per image) and the model calls per photo
              --held-out  score only the fifth of the folder that train-plate-head never
                          trains on (use it for us-crops, which the shipped head learnt from)
              --fold K    score only the fifth K (0-4) of the folder, the one that
                          train-plate-head --hold-out K leaves out (--held-out is --fold 0);
                          score it with the head trained that way, not the shipped one:
                          PLATEWATCH_JAVA_OPTS=-Dplatewatch.recognition.plateHeadFile=FILE
              --baseline openalpr
                          then run the OpenALPR engine on the same photos (one process, first
                          photo untimed, each photo timed alone) and print its top-1, median ms
                          and CPU ms per image beside Platewatch's, with the ratios. alpr is
                          looked for under $PLATEWATCH_OPENALPR (default /tmp/openalpr-baseline),
                          where shared/tools/openalpr/build.sh PREFIX installs it
              --baseline-country C
                          OpenALPR's country model (alpr -c; default us, eu for eu/)
            """;

    /** What the side-by-side comparison needs of Platewatch's run. */
    record Figures(double top1Percent, double medianMs, double medianCpuMs) {}

    private final PrintStream out;
    private final PrintStream err;

    BenchCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(String[] args) {
        int top = 3;
        boolean verbose = false;
        StageProfile stages = null;
        int fold = LabelledSet.NO_FOLD;
        boolean baseline = false;
        String country = null;
        Path dir = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    out.print(HELP);
                    return 0;
                }
                case "--verbose", "-v" -> verbose = true;
                case "--stages" -> stages = new StageProfile();
                case "--held-out" -> fold = LabelledSet.SHIPPED_HEAD_HOLD_OUT;
                case "--fold" -> {
                    if (i + 1 >= args.length) {
                        throw new RecognitionCli.UsageException("--fold needs a number");
                    }
                    fold = TrainCommand.fold(args[++i], "--fold");
                }
                case "--top" -> {
                    if (i + 1 >= args.length) {
                        throw new RecognitionCli.UsageException("--top needs a number");
                    }
                    top = RecognitionCli.parseTop(args[++i]);
                }
                case "--baseline" -> {
                    if (i + 1 >= args.length || !args[++i].equals("openalpr")) {
                        throw new RecognitionCli.UsageException("--baseline takes openalpr (the only baseline)");
                    }
                    baseline = true;
                }
                case "--baseline-country" -> {
                    if (i + 1 >= args.length || !args[i + 1].matches("[a-z]{2}")) {
                        throw new RecognitionCli.UsageException(
                                "--baseline-country needs a two-letter code (us, eu, ...)");
                    }
                    country = args[++i];
                }
                default -> dir = TrainingCli.onlyDirectory(args[i], dir);
            }
        }
        TrainingCli.requireDirectory(dir);
        Path alpr = OpenAlprBaseline.prefix();
        if (baseline) {
            OpenAlprBaseline.requireInstalled(alpr); // before minutes of Platewatch, not after
        }
        LabelledSet set = fold == LabelledSet.NO_FOLD
                ? LabelledSet.load(dir)
                : LabelledSet.load(dir).foldPart(fold);
        if (!baseline) {
            try (Recognizer recognizer = new Recognizer()) {
                bench(recognizer, set, top, verbose, stages, null);
            }
            return 0;
        }
        String model = country != null ? country : dir.getFileName().toString().equals("eu") ? "eu" : "us";
        try (OpenAlprBaseline openAlpr =
                        OpenAlprBaseline.start(alpr, model, set.items().get(0).image());
                Recognizer recognizer = new Recognizer()) {
            Figures platewatch = bench(recognizer, set, top, verbose, stages, openAlpr);
            OpenAlprBaseline.print(out, platewatch, openAlpr.figures(), model);
        }
        return 0;
    }

    /** Scores Platewatch; with {@code openAlpr}, it reads each photo right after Platewatch (untimed for Platewatch). */
    private Figures bench(
            Recognizer recognizer,
            LabelledSet set,
            int top,
            boolean verbose,
            StageProfile stages,
            OpenAlprBaseline openAlpr) {
        recognizer.recognize(Recognizer.decode(set.items().get(0).image()));
        int n = 0, top1 = 0, topN = 0, top1Loose = 0, stateRight = 0, stateUnknown = 0, stateWrong = 0;
        List<Double> times = new ArrayList<>();
        List<Double> cpuTimes = new ArrayList<>();
        List<String> misses = new ArrayList<>();
        List<String> wrongStates = new ArrayList<>();
        for (LabelledSet.Item item : set.items()) {
            List<PlateCandidate> cands;
            BufferedImage image = null;
            StageProfile.Photo profile = stages == null ? null : stages.newPhoto();
            long start = System.nanoTime();
            long cpuStart = processCpuNanos();
            try {
                image = Recognizer.decode(item.image());
                if (profile != null) {
                    profile.lap(StageProfile.Stage.DECODE, start);
                    cands = recognizer.recognize(image, profile);
                } else {
                    cands = recognizer.recognize(image);
                }
            } catch (UnreadableImageException e) {
                err.println("bench-recognition: " + item.image() + ": " + e.getMessage());
                cands = List.of();
            }
            times.add((System.nanoTime() - start) / 1e6);
            cpuTimes.add((processCpuNanos() - cpuStart) / 1e6);
            if (profile != null && image != null && !cands.isEmpty()) {
                // The server describes the vehicle beside each read; timed apart so that the
                // figures above stay comparable with OpenALPR's, which names no colour.
                long colourStart = System.nanoTime();
                recognizer.describeVehicle(image, cands.get(0).box());
                profile.lap(StageProfile.Stage.COLOUR, colourStart);
            }
            if (openAlpr != null) {
                openAlpr.read(item);
            }
            n++;
            String truth = PlateText.normalise(item.plate());
            String first = cands.isEmpty() ? "" : cands.get(0).plate();
            if (first.equals(truth)) {
                top1++;
            } else {
                misses.add(String.format(
                        "  %-40s truth %-9s read %s",
                        item.image().getFileName(),
                        truth,
                        cands.stream().limit(top).map(PlateCandidate::plate).toList()));
            }
            if (loose(first).equals(loose(truth))) {
                top1Loose++;
            }
            if (cands.stream().limit(top).anyMatch(c -> c.plate().equals(truth))) {
                topN++;
            }
            if (item.state() != null) {
                String region = cands.isEmpty() ? null : cands.get(0).region();
                if (region == null) {
                    stateUnknown++;
                } else if (region.equals(PlateText.regionCode(item.state()))) {
                    stateRight++;
                } else {
                    stateWrong++;
                    wrongStates.add(String.format(
                            "  %-40s state %s read %s",
                            item.image().getFileName(), PlateText.regionCode(item.state()), region));
                }
            }
            if (verbose) {
                out.printf(
                        "%s truth %s %.0f ms %s%n",
                        item.image().getFileName(),
                        truth,
                        times.get(times.size() - 1),
                        cands.stream()
                                .limit(top)
                                .map(c -> c.plate() + "@" + String.format(Locale.ROOT, "%.2f", c.confidence())
                                        + (c.region() == null ? "" : "/" + c.region()))
                                .toList());
            }
        }
        double[] sorted =
                times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        out.println("misses (truth vs candidates):");
        misses.forEach(out::println);
        out.printf(Locale.ROOT, "set %s: %d images%n", set.dir(), n);
        out.printf(
                Locale.ROOT,
                "top-1 %.1f %% (%d/%d), top-%d %.1f %% (%d/%d)%n",
                100.0 * top1 / n,
                top1,
                n,
                top,
                100.0 * topN / n,
                topN,
                n);
        // Labels in eu/ (and the vanity plates in us-crops/) often write 0 where the plate has the
        // letter O, and many US states print the two identically: show that figure too.
        out.printf(
                Locale.ROOT,
                "top-1 with O and 0 treated as equal %.1f %% (%d/%d)%n",
                100.0 * top1Loose / n,
                top1Loose,
                n);
        double[] cpu =
                cpuTimes.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        out.printf(
                Locale.ROOT,
                "ms per image (wall clock): median %.0f, p95 %.0f, mean %.0f%n",
                percentile(sorted, 50),
                percentile(sorted, 95),
                Arrays.stream(sorted).average().orElse(0));
        out.printf(
                Locale.ROOT,
                "CPU ms per image (all threads of this process; steadier than wall clock on a busy machine): median %.0f, p95 %.0f%n",
                percentile(cpu, 50),
                percentile(cpu, 95));
        out.printf(
                Locale.ROOT,
                "machine: %d cores, load average %.1f%n",
                Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage());
        if (stages != null) {
            stages.report().forEach(out::println);
        }
        if (set.crops()) {
            // A wrong state is the dangerous error (a hit on the wrong car), so each is listed.
            out.println("wrong states (truth vs read):");
            wrongStates.forEach(out::println);
            int labelled = stateRight + stateUnknown + stateWrong;
            out.printf(
                    Locale.ROOT,
                    "state: right %.1f %%, unknown %.1f %%, wrong %.1f %% (of %d); right when stated %.1f %%%n",
                    100.0 * stateRight / labelled,
                    100.0 * stateUnknown / labelled,
                    100.0 * stateWrong / labelled,
                    labelled,
                    stateRight + stateWrong == 0 ? 0 : 100.0 * stateRight / (stateRight + stateWrong));
        }
        return new Figures(100.0 * top1 / n, percentile(sorted, 50), percentile(cpu, 50));
    }

    /** CPU time of the whole process, all threads (the ONNX Runtime pool included); -1 where the JVM cannot tell. */
    static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    private static String loose(String plate) {
        return plate.replace('O', '0');
    }

    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
