package org.platewatch.recognition;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Trains the {@link PlateHead} on labelled plate photos: the command behind
 * {@code bin/platewatch train-plate-head}, which produces the weights shipped in the jar.
 *
 * <ol>
 *     <li>Each training photo goes through the same pipeline as at run time, without any plate
 *     head: the scene box whose quick read is nearest the label is taken, and its character line
 *     is found close up. Photos where no box reads within a few characters of the label are
 *     skipped (counted in the log).</li>
 *     <li>The reader network is run on the crops the pipeline reads (the quick read and the two
 *     close-up variants) and on randomly jittered crops (pads, stretch, position, contrast,
 *     brightness, noise, blur) and its hidden features are kept with the label.</li>
 *     <li>The head, started from the original output layer, is trained with CTC loss and Adam.</li>
 * </ol>
 *
 * Everything random comes from one seeded generator and the work is split the same way whatever
 * the core count, so the same photos, options and seed give the same weights on the same machine
 * and JVM (another CPU may round ONNX Runtime's features or {@code Math.exp} differently in the
 * last bits).
 */
public final class PlateHeadTraining {

    /** A photo and the plate it shows (upper case, A-Z and 0-9). */
    public record Example(Path image, String plate) {}

    /**
     * @param epochs       passes over the training crops
     * @param hidden       units in the correction network's hidden layer
     * @param jitters      randomly jittered crops per photo, besides the pipeline's own crops
     * @param learningRate Adam step size
     * @param seed         seed of every random choice
     * @param runs         training runs whose weights are averaged
     * @param anchor       weight of staying close to the OCR model's own reading of each crop
     *                     (a cross-entropy term per time step, summed over the crop's steps,
     *                     beside the crop's CTC loss), so that the head changes
     *                     only what the plates contradict, not glyphs of fonts it saw little of
     */
    public record Options(
            int epochs, int hidden, int jitters, double learningRate, long seed, int runs, double anchor) {
        public static Options defaults() {
            // Measured on us/ and the held-out fifth of us-crops (docs/recognition.md): a linear
            // head, 3 epochs anchored to the model's own reading with weight 1, 5 runs averaged.
            // A hidden layer or more epochs fit the training states' fonts and read California
            // plates worse; without the anchor California's Y turned into V.
            return new Options(3, 0, 8, 1e-3, 20261129L, 5, 1.0);
        }
    }

    private static final int BATCH = 32;
    /** Parallel slices of a batch; fixed (not the core count) so that sums, and so weights, do not depend on the machine. */
    private static final int SLICES = 4;

    private final Options options;
    private final PrintStream log;

    public PlateHeadTraining(Options options, PrintStream log) {
        this.options = options;
        this.log = log;
    }

    /**
     * A crop's reader features, its label as class indices of the head (1..36), and the original
     * layer's probabilities over the head's classes ({@code steps x CLASSES}).
     */
    record Sample(float[] features, int steps, int[] label, float[] original) {}

    /**
     * Extracts crops from the photos, trains, reports per epoch how many crops of each checking
     * set ({@code checks}, never trained on) the head reads exactly, and writes the head to
     * {@code out} (through a temporary file beside it, moved into place).
     */
    public void train(List<Example> training, Map<String, List<Example>> checks, Path out) {
        Random random = new Random(options.seed());
        List<Sample> train;
        Map<String, List<Sample>> check = new LinkedHashMap<>();
        PlateHead head;
        try (Recognizer recognizer = new Recognizer(trainingSettings())) {
            CropSampler sampler = new CropSampler(recognizer, random);
            train = sampler.samples(training, options.jitters(), log);
            // Checking crops come from their own generator, so adding a check set leaves the weights unchanged.
            CropSampler checkSampler = new CropSampler(recognizer, new Random(options.seed() + 1));
            checks.forEach((name, examples) -> check.put(name, checkSampler.samples(examples, 0, log)));
            head = initialHead(recognizer.lineReader(), train, random);
        }
        log.printf(Locale.ROOT, "%d training crops from %d photos%n", train.size(), training.size());
        if (train.isEmpty()) {
            throw new IllegalArgumentException("no usable training crops");
        }
        report(0, Double.NaN, head, check);
        PlateHead start = head;
        float[] sum = new float[head.params.length];
        for (int run = 0; run < options.runs(); run++) {
            // Each run differs only in the order it visits the crops; averaging the runs' weights
            // (an average of their logits, for a linear head) removes most of what that order decides.
            PlateHead trained = copy(start);
            log.printf(Locale.ROOT, "run %d of %d%n", run + 1, options.runs());
            trainOneRun(trained, train, new Random(options.seed() + 1000L * (run + 1)), check);
            for (int i = 0; i < sum.length; i++) {
                sum[i] += trained.params[i] / options.runs();
            }
        }
        head = new PlateHead(start.features, start.hidden, sum, start.mean, start.scale);
        if (options.runs() > 1) {
            log.print("average: ");
            report(options.epochs(), Double.NaN, head, check);
        }
        if (Boolean.getBoolean("platewatch.training.listChanges")) {
            listChanges(start, head, check);
        }
        write(head, out);
    }

    /**
     * The settings the plate head's training photos are read with: the OCR model's own output
     * layer (what the head is trained from), and the second look at the photo's own size.
     * The second look's enlargement came after the shipped head was trained. Sampled with it,
     * one more training photo gives crops, and as the jittered crops are drawn from one random
     * stream, every later photo's jitters move with it: those heads read 97 / 100 / 100 of us/
     * with three seeds, the heads of this sampling 100 / 100 / 98. The same within the noise,
     * so the sampling stays as it was and the shipped head stays reproducible.
     */
    static Settings trainingSettings() {
        Settings s = Settings.defaults();
        return s.with(c -> {
            c.secondLookUpscale = 1.0;
            c.plateHead = false;
            // no coarse look: the training photos are read as when the shipped head was trained
            c.coarseMaxSide = 0;
            c.coarseAccept = 1.0;
            // every box glanced at, as when the shipped head was trained (training reads all glances)
            c.glanceEarlyStop = false;
            c.coarsePlacement = 0;
            // both close-ups, as when the shipped head was trained
            c.closeUpsWhenSure = s.closeUps();
            // the published detector, as when the shipped head was trained
            c.detectorPrecision = DetectorPrecision.FP32;
        });
    }

    private void trainOneRun(PlateHead head, List<Sample> train, Random random, Map<String, List<Sample>> check) {
        Adam adam = new Adam(head.params.length, options.learningRate());
        int[] order = IntStream.range(0, train.size()).toArray();
        for (int epoch = 1; epoch <= options.epochs(); epoch++) {
            shuffle(order, random);
            double loss = 0;
            int counted = 0;
            for (int from = 0; from < order.length; from += BATCH) {
                int to = Math.min(order.length, from + BATCH);
                BatchResult r = gradient(head, train, order, from, to, options.anchor());
                if (r.counted > 0) {
                    adam.step(head.params, r.gradient, r.counted);
                    loss += r.loss;
                    counted += r.counted;
                }
            }
            report(epoch, loss / Math.max(1, counted), head, check);
        }
    }

    private static PlateHead copy(PlateHead h) {
        return new PlateHead(h.features, h.hidden, h.params.clone(), h.mean, h.scale);
    }

    /** Development aid: the checking crops that the trained head reads differently from the untrained one. */
    private void listChanges(PlateHead before, PlateHead after, Map<String, List<Sample>> checks) {
        checks.forEach((name, check) -> {
            for (Sample s : check) {
                String truth = labelText(s.label());
                String a = greedyLabel(before, s);
                String b = greedyLabel(after, s);
                if (!a.equals(b)) {
                    log.printf(
                            Locale.ROOT,
                            "  %s %-8s %-9s -> %-9s %s%n",
                            name,
                            truth,
                            a,
                            b,
                            b.equals(truth) ? "fixed" : a.equals(truth) ? "BROKEN" : "");
                }
            }
        });
    }

    private void report(int epoch, double loss, PlateHead head, Map<String, List<Sample>> checks) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "epoch %2d  loss %.4f", epoch, loss));
        checks.forEach((name, check) -> {
            int right = 0;
            for (Sample s : check) {
                if (greedyLabel(head, s).equals(labelText(s.label()))) {
                    right++;
                }
            }
            line.append(String.format(
                    Locale.ROOT,
                    "  %s crops read exactly %d/%d (%.1f %%)",
                    name,
                    right,
                    check.size(),
                    check.isEmpty() ? 0 : 100.0 * right / check.size()));
        });
        log.println(line);
    }

    static String greedyLabel(PlateHead head, Sample s) {
        float[] z = head.logits(s.features(), s.steps());
        StringBuilder b = new StringBuilder();
        int prev = 0;
        for (int t = 0; t < s.steps(); t++) {
            int best = 0;
            for (int c = 1; c < PlateHead.CLASSES; c++) {
                if (z[t * PlateHead.CLASSES + c] > z[t * PlateHead.CLASSES + best]) {
                    best = c;
                }
            }
            if (best != 0 && best != prev) {
                b.append(PlateSymbols.SYMBOLS.charAt(best - 1));
            }
            prev = best;
        }
        return b.toString();
    }

    static String labelText(int[] label) {
        StringBuilder b = new StringBuilder();
        for (int c : label) {
            b.append(PlateSymbols.SYMBOLS.charAt(c - 1));
        }
        return b.toString();
    }

    /**
     * The linear part starts as the original layer's rows for the blank and the upper-case plate
     * symbols; the correction network's first layer is random (He initialisation), its output
     * layer zero, so the untrained head reads like the original. Features are standardised for
     * the correction network with the training crops' mean and spread.
     */
    private PlateHead initialHead(TextLineReader reader, List<Sample> train, Random random) {
        OnnxModelFile.Tensor[] layer = OcrModels.readerOutputLayer();
        float[] w = layer[0].values();
        float[] bias = layer[1].values();
        int features = (int) layer[0].dims()[0];
        int classes = (int) layer[0].dims()[1];
        int hidden = options.hidden();
        float[] params = new float[PlateHead.parameterCount(features, hidden)];
        float[] mean = new float[features];
        float[] scale = new float[features];
        PlateHead head = new PlateHead(features, hidden, params, mean, scale);
        for (int c = 0; c < PlateHead.CLASSES; c++) {
            int original = c == 0 ? 0 : reader.originalClassOf(c - 1);
            for (int d = 0; d < features; d++) {
                params[head.w0 + c * features + d] = w[d * classes + original];
            }
            params[head.b0 + c] = bias[original];
        }
        double std = Math.sqrt(2.0 / (3 * features));
        for (int i = head.w1; i < head.b1; i++) {
            params[i] = (float) (random.nextGaussian() * std);
        }
        standardisation(train, features, mean, scale);
        return head;
    }

    private static void standardisation(List<Sample> train, int features, float[] mean, float[] scale) {
        double[] sum = new double[features];
        double[] sq = new double[features];
        long n = 0;
        for (Sample s : train) {
            for (int t = 0; t < s.steps(); t++) {
                for (int d = 0; d < features; d++) {
                    double v = s.features()[t * features + d];
                    sum[d] += v;
                    sq[d] += v * v;
                }
            }
            n += s.steps();
        }
        for (int d = 0; d < features; d++) {
            double m = sum[d] / n;
            double var = Math.max(1e-6, sq[d] / n - m * m);
            mean[d] = (float) m;
            scale[d] = (float) (1 / Math.sqrt(var));
        }
    }

    private record BatchResult(float[] gradient, double loss, int counted) {}

    /** Summed loss gradient over a batch, computed in {@link #SLICES} fixed slices in parallel and added in order. */
    private static BatchResult gradient(
            PlateHead head, List<Sample> train, int[] order, int from, int to, double anchor) {
        int n = to - from;
        BatchResult[] parts = IntStream.range(0, SLICES)
                .parallel()
                .mapToObj(part -> {
                    int a = from + part * n / SLICES;
                    int b = from + (part + 1) * n / SLICES;
                    float[] g = new float[head.params.length];
                    double loss = 0;
                    int counted = 0;
                    for (int i = a; i < b; i++) {
                        double l = backward(head, train.get(order[i]), anchor, g);
                        if (!Double.isNaN(l)) {
                            loss += l;
                            counted++;
                        }
                    }
                    return new BatchResult(g, loss, counted);
                })
                .toArray(BatchResult[]::new);
        float[] total = parts[0].gradient;
        double loss = parts[0].loss;
        int counted = parts[0].counted;
        for (int p = 1; p < SLICES; p++) {
            float[] g = parts[p].gradient;
            for (int i = 0; i < total.length; i++) {
                total[i] += g[i];
            }
            loss += parts[p].loss;
            counted += parts[p].counted;
        }
        return new BatchResult(total, loss, counted);
    }

    /** Adds one crop's gradient to {@code g}; returns its CTC loss, or NaN when the label cannot fit. */
    static double backward(PlateHead head, Sample s, double anchor, float[] g) {
        int steps = s.steps();
        int features = head.features;
        int hidden = head.hidden;
        int classes = PlateHead.CLASSES;
        int in = 3 * features;
        float[] f = s.features();
        float[] x = new float[steps * in];
        float[] h = new float[steps * hidden];
        float[] z = new float[steps * classes];
        float[] xt = new float[in];
        float[] ht = new float[hidden];
        for (int t = 0; t < steps; t++) {
            head.standardisedContext(f, steps, t, xt);
            head.forwardStep(f, t, xt, ht, z, t * classes);
            System.arraycopy(xt, 0, x, t * in, in);
            System.arraycopy(ht, 0, h, t * hidden, hidden);
        }
        float[] dz = new float[steps * classes];
        double loss = Ctc.lossAndGradient(z, steps, classes, s.label(), dz);
        if (Double.isNaN(loss)) {
            return loss;
        }
        if (anchor > 0) {
            loss += anchor * anchorLossAndGradient(z, s.original(), steps, dz, (float) anchor);
        }
        float[] p = head.params;
        float[] dh = new float[hidden];
        for (int t = 0; t < steps; t++) {
            java.util.Arrays.fill(dh, 0f);
            for (int c = 0; c < classes; c++) {
                float d = dz[t * classes + c];
                if (d == 0f) {
                    continue;
                }
                g[head.b0 + c] += d;
                g[head.b2 + c] += d;
                int row0 = head.w0 + c * features;
                for (int k = 0; k < features; k++) {
                    g[row0 + k] += d * f[t * features + k];
                }
                int row2 = head.w2 + c * hidden;
                for (int j = 0; j < hidden; j++) {
                    g[row2 + j] += d * h[t * hidden + j];
                    dh[j] += d * p[row2 + j];
                }
            }
            for (int j = 0; j < hidden; j++) {
                if (h[t * hidden + j] <= 0f) {
                    continue;
                }
                float d = dh[j];
                g[head.b1 + j] += d;
                int row1 = head.w1 + j * in;
                int xb = t * in;
                for (int i = 0; i < in; i++) {
                    g[row1 + i] += d * x[xb + i];
                }
            }
        }
        return loss;
    }

    /**
     * Cross-entropy of the head's step-wise distribution against the original layer's, per step,
     * summed; adds {@code anchor * (softmax(z) - q)} to the logit gradient.
     */
    private static double anchorLossAndGradient(float[] z, float[] q, int steps, float[] dz, float anchor) {
        int classes = PlateHead.CLASSES;
        float[] y = z.clone();
        PlateHead.softmaxRows(y, steps);
        double loss = 0;
        for (int i = 0; i < steps * classes; i++) {
            loss -= q[i] * Math.log(Math.max(1e-12, y[i]));
            dz[i] += anchor * (y[i] - q[i]);
        }
        return loss;
    }

    private static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private void write(PlateHead head, Path out) {
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
            try (OutputStream o = Files.newOutputStream(tmp)) {
                head.write(o);
            }
            Files.move(
                    tmp,
                    out,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            log.println("wrote " + out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out, e);
        }
    }

    /** Adam (Kingma and Ba, 2015) over one parameter vector; gradients are averaged over the batch. */
    private static final class Adam {
        private static final double BETA1 = 0.9;
        private static final double BETA2 = 0.999;
        private static final double EPSILON = 1e-8;
        private final float[] m;
        private final float[] v;
        private final double rate;
        private int step;

        Adam(int size, double rate) {
            m = new float[size];
            v = new float[size];
            this.rate = rate;
        }

        void step(float[] params, float[] gradient, int batch) {
            step++;
            double c1 = 1 - Math.pow(BETA1, step);
            double c2 = 1 - Math.pow(BETA2, step);
            for (int i = 0; i < params.length; i++) {
                double g = gradient[i] / batch;
                m[i] = (float) (BETA1 * m[i] + (1 - BETA1) * g);
                v[i] = (float) (BETA2 * v[i] + (1 - BETA2) * g * g);
                params[i] -= (float) (rate * (m[i] / c1) / (Math.sqrt(v[i] / c2) + EPSILON));
            }
        }
    }

    /** Turns photos into reader features of the crops the pipeline reads, plus jittered ones. */
    private static final class CropSampler {
        private final Recognizer recognizer;
        private final Random random;

        CropSampler(Recognizer recognizer, Random random) {
            this.recognizer = recognizer;
            this.random = random;
        }

        List<Sample> samples(List<Example> examples, int jitters, PrintStream log) {
            List<Sample> out = new ArrayList<>();
            int skipped = 0;
            for (Example e : examples) {
                int[] label = label(e.plate());
                if (label.length == 0) {
                    skipped++;
                    continue;
                }
                RgbImage img;
                try {
                    img = RgbImage.of(Recognizer.decode(e.image()));
                } catch (UnreadableImageException ex) {
                    log.println("skipped " + e.image().getFileName() + ": " + ex.getMessage());
                    skipped++;
                    continue;
                }
                Optional<CandidateReader.Glance> glance = nearestGlance(img, e.plate());
                if (glance.isEmpty()) {
                    skipped++;
                    continue;
                }
                addCrops(img, glance.get(), label, jitters, out);
            }
            log.printf(
                    Locale.ROOT,
                    "%d photos gave crops, %d skipped (unreadable, unlabelled, or no box read near the label)%n",
                    examples.size() - skipped,
                    skipped);
            return out;
        }

        private Optional<CandidateReader.Glance> nearestGlance(RgbImage img, String plate) {
            CandidateReader.Glance best = null;
            int bestDistance = Integer.MAX_VALUE;
            for (CandidateReader.Glance g : recognizer.glances(img)) {
                int d = StateFinder.levenshtein(PlateSyntax.resolve(g.read()).plate(), plate);
                if (d < bestDistance) {
                    bestDistance = d;
                    best = g;
                }
            }
            return bestDistance <= Math.max(2, plate.length() / 3) ? Optional.of(best) : Optional.empty();
        }

        private void addCrops(RgbImage img, CandidateReader.Glance glance, int[] label, int jitters, List<Sample> out) {
            TextLineReader reader = recognizer.lineReader();
            TextBox box = glance.box();
            add(
                    reader,
                    reader.input(img, box.x(), box.y(), box.w(), box.h(), CandidateReader.GLANCE_STRETCH),
                    label,
                    out);
            TextBox line = recognizer.candidateReader().mainLine(img, box).orElse(box);
            for (double[] v : CandidateReader.VARIANTS) {
                add(reader, CandidateReader.variantInput(reader, img, line, v), label, out);
            }
            for (int j = 0; j < jitters; j++) {
                double h = line.h();
                double padX = h * uniform(0.0, 0.3);
                double padY = h * uniform(-0.05, 0.2);
                double dx = h * uniform(-0.1, 0.1);
                double dy = h * uniform(-0.06, 0.06);
                TextLineReader.Input input = reader.input(
                        img,
                        line.x() - padX + dx,
                        line.y() - padY + dy,
                        line.w() + 2 * padX,
                        line.h() + 2 * padY,
                        uniform(1.0, 1.8));
                add(reader, PixelJitter.apply(input, random), label, out);
            }
        }

        private double uniform(double lo, double hi) {
            return lo + (hi - lo) * random.nextDouble();
        }

        private static void add(TextLineReader reader, TextLineReader.Input input, int[] label, List<Sample> out) {
            TextLineReader.Pass pass = reader.run(input);
            out.add(new Sample(pass.features(), pass.steps(), label, reader.originalPlateProbs(pass)));
        }

        private static int[] label(String plate) {
            return plate.chars()
                    .map(c -> PlateSymbols.index((char) c))
                    .filter(i -> i >= 0)
                    .map(i -> i + 1)
                    .toArray();
        }
    }
}
