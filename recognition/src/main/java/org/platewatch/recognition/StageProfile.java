package org.platewatch.recognition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;

/**
 * Where a photo's time goes, stage by stage, for {@code bench-recognition --stages}: the wall
 * time of each stage of {@link Recognizer#recognize(java.awt.image.BufferedImage, StageProfile.Photo)}
 * (a stage whose reads run on the worker threads is timed from the calling thread, so it counts
 * once however many threads it used) and the number of model calls it made.
 *
 * <p>A development aid: {@link Recognizer#recognize(java.awt.image.BufferedImage)} records nothing.
 * One {@link Photo} belongs to one photo and one calling thread; the profile itself is filled by
 * one thread (the benchmark's).
 */
public final class StageProfile {

    /** The pipeline's stages in the order they run (docs/recognition.md, "Pipeline"). */
    public enum Stage {
        DECODE("decode (ImageIO)"),
        PIXELS("pixels into RgbImage"),
        SCENE_INPUT("scene detection: resize into its input"),
        SCENE_MODEL("scene detection: v3 det model"),
        SCENE_BOXES("scene detection: boxes from the map"),
        LOCALISE("plate localisation (rank boxes)"),
        GLANCES("glances (text recognition, quick reads)"),
        SECOND_LOOK("second look (v4 det + its glances)"),
        CLOSE_UPS("close-ups (v4 det + plate-head reads)"),
        POST("post-processing (placement, same-plate, sort)"),
        STATE("issuing state (band reads)"),
        COLOUR("vehicle colour");

        private final String label;

        Stage(String label) {
            this.label = label;
        }
    }

    /** The networks a stage calls; {@code READER} counts each recognition call (a batch counts once). */
    public enum Model {
        SCENE_DETECTOR,
        SECOND_LOOK_DETECTOR,
        LINE_DETECTOR,
        READER
    }

    /** One photo's figures. */
    public static final class Photo {
        /** For a recognition nobody profiles: laps are still taken (a clock read each), and dropped. */
        static Photo unrecorded() {
            return new Photo();
        }

        private final EnumMap<Stage, Long> nanos = new EnumMap<>(Stage.class);
        private final EnumMap<Model, Integer> calls = new EnumMap<>(Model.class);
        private int crops;
        /** 0: no coarse look; 1: taken, and its answer kept; 2: taken, and the photo read again at full size. */
        private int coarse;

        /** Adds the time since {@code startNanos} to the stage and returns now, the next stage's start. */
        public long lap(Stage stage, long startNanos) {
            long now = System.nanoTime();
            nanos.merge(stage, now - startNanos, Long::sum);
            return now;
        }

        public void calls(Model model, int n) {
            calls.merge(model, n, Integer::sum);
        }

        /** Adds another photo record's model calls and crops (its times are counted by the caller's own stage). */
        void absorbCalls(Photo other) {
            other.calls.forEach(this::calls);
            crops += other.crops;
        }

        /** A coarse look was taken; {@code kept}: its answer was sure enough to be the photo's. */
        void coarseLook(boolean kept) {
            coarse = kept ? 1 : 2;
        }

        /** Crops given to the reader (several may go in one call). */
        public void crops(int n) {
            crops += n;
        }
    }

    private final List<Photo> photos = new ArrayList<>();

    public Photo newPhoto() {
        Photo p = new Photo();
        photos.add(p);
        return p;
    }

    /** The table: per stage the median and mean wall ms per photo and its share, then model calls per photo. */
    public List<String> report() {
        List<String> lines = new ArrayList<>();
        int n = photos.size();
        if (n == 0) {
            return lines;
        }
        double[] totals = photos.stream()
                .mapToDouble(p ->
                        p.nanos.values().stream().mapToLong(Long::longValue).sum() / 1e6)
                .toArray();
        double meanTotal = Arrays.stream(totals).average().orElse(0);
        lines.add(String.format(Locale.ROOT, "stages over %d photos (wall ms per photo):", n));
        lines.add(String.format(Locale.ROOT, "  %-48s %8s %8s %7s", "stage", "median", "mean", "share"));
        for (Stage s : Stage.values()) {
            double[] ms = photos.stream()
                    .mapToDouble(p -> p.nanos.getOrDefault(s, 0L) / 1e6)
                    .sorted()
                    .toArray();
            double mean = Arrays.stream(ms).average().orElse(0);
            lines.add(String.format(
                    Locale.ROOT,
                    "  %-48s %8.1f %8.1f %6.1f%%",
                    s.label,
                    ms[(ms.length - 1) / 2],
                    mean,
                    meanTotal == 0 ? 0 : 100 * mean / meanTotal));
        }
        Arrays.sort(totals);
        lines.add(String.format(
                Locale.ROOT, "  %-48s %8.1f %8.1f", "all stages", totals[(totals.length - 1) / 2], meanTotal));
        StringBuilder calls = new StringBuilder("model calls per photo (mean):");
        int all = 0;
        for (Model m : Model.values()) {
            int sum = photos.stream().mapToInt(p -> p.calls.getOrDefault(m, 0)).sum();
            all += sum;
            calls.append(String.format(Locale.ROOT, " %s %.2f,", m.name().toLowerCase(Locale.ROOT), sum / (double) n));
        }
        int crops = photos.stream().mapToInt(p -> p.crops).sum();
        calls.append(String.format(Locale.ROOT, " all %.2f; crops read %.2f", all / (double) n, crops / (double) n));
        lines.add(calls.toString());
        long kept = photos.stream().filter(p -> p.coarse == 1).count();
        long again = photos.stream().filter(p -> p.coarse == 2).count();
        lines.add(String.format(
                Locale.ROOT,
                "coarse look: taken on %d photos, answer kept on %d, read again at full size on %d",
                kept + again,
                kept,
                again));
        return lines;
    }
}
