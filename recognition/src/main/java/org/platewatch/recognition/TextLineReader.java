package org.platewatch.recognition;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * PP-OCRv4 text-line recognition with CTC decoding that keeps, for each character, the
 * probabilities of all 36 plate symbols, so that plate-syntax rules can later pick a
 * runner-up (O for 0, B for 8) on evidence rather than by blind substitution.
 *
 * <p>When a {@link PlateHead} is given, the plate characters come from it (read from the
 * network's hidden features), and the original output layer is used only for the raw text, whose
 * punctuation and lower case tell time stamps and state names apart.
 */
final class TextLineReader {

    static final int HEIGHT = 48;
    private static final int MIN_WIDTH = 32;
    private static final int MAX_WIDTH = 640;
    private static final float[] MEAN = {0.5f, 0.5f, 0.5f};
    private static final float[] STD = {0.5f, 0.5f, 0.5f};
    /** A character whose best plate symbol is this unlikely (the network saw an emblem or a smudge) is dropped. */
    private static final double MIN_SYMBOL_PROB = 0.15;

    private final OcrModels models;
    private final OrtSession session;
    private final PlateHead head;
    /** For each of the 36 plate symbols, the class indices that spell it (upper and lower case letters). */
    private final int[][] symbolClasses;

    /** The network's input for one crop: {@code 3 x HEIGHT x width}, normalised. */
    record Input(float[] pixels, int width) {}

    /**
     * One pass of the network: the original layer's class probabilities ({@code steps x classes})
     * and the hidden features ({@code steps x featureCount}) the plate head reads.
     */
    record Pass(float[] probs, int steps, int classes, float[] features, int featureCount) {}

    TextLineReader(OcrModels models, Optional<PlateHead> head) {
        this.models = models;
        this.session = models.reader;
        this.head = head.orElse(null);
        symbolClasses = new int[PlateSymbols.COUNT][];
        List<List<Integer>> lists = new ArrayList<>();
        for (int i = 0; i < PlateSymbols.COUNT; i++) {
            lists.add(new ArrayList<>());
        }
        char[] a = models.alphabet;
        for (int k = 1; k < a.length; k++) {
            int s = PlateSymbols.index(Character.toUpperCase(a[k]));
            if (s >= 0 && a[k] < 128) {
                lists.get(s).add(k);
            }
        }
        for (int i = 0; i < PlateSymbols.COUNT; i++) {
            symbolClasses[i] = lists.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /** Class index of the original layer for the upper-case form of a plate symbol (used to start the head's training). */
    int originalClassOf(int symbol) {
        char wanted = PlateSymbols.SYMBOLS.charAt(symbol);
        for (int k : symbolClasses[symbol]) {
            if (models.alphabet[k] == wanted) {
                return k;
            }
        }
        throw new IllegalStateException("the reader's alphabet has no " + wanted);
    }

    /**
     * Reads the source rectangle as one line of text with the model's own layer, stretched
     * horizontally by {@code stretch}. For the quick reads that triage scene boxes (the head reads
     * signs as confidently as plates) and for words around the plate (state names, slogans: the
     * plate head knows only A-Z and 0-9, so it has nothing to add to them).
     */
    LineRead read(RgbImage image, double sx, double sy, double sw, double sh, double stretch) {
        return decodeOriginal(run(input(image, sx, sy, sw, sh, stretch)));
    }

    Input input(RgbImage image, double sx, double sy, double sw, double sh, double stretch) {
        int width = (int) Math.round(HEIGHT * sw / Math.max(1, sh) * stretch);
        width = Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, width));
        return new Input(image.toTensor(sx, sy, sw, sh, width, HEIGHT, MEAN, STD), width);
    }

    /**
     * Sees every input the reader runs, when set: how {@code ReaderCalibrationInputs} (recognition-training's
     * test sources) collects the INT8 reader's calibration inputs as the pipeline makes them. Null in the product.
     */
    static volatile java.util.function.Consumer<Input> inputTap;

    Pass run(Input input) {
        java.util.function.Consumer<Input> tap = inputTap;
        if (tap != null) {
            tap.accept(input);
        }
        try (OnnxTensor t = OnnxTensor.createTensor(
                        models.env, FloatBuffer.wrap(input.pixels()), new long[] {1, 3, HEIGHT, input.width()});
                OrtSession.Result r =
                        session.run(Map.of(session.getInputNames().iterator().next(), t))) {
            OnnxTensor out = (OnnxTensor) r.get(0);
            long[] shape = out.getInfo().getShape();
            int steps = (int) shape[1];
            int classes = (int) shape[2];
            float[] p = new float[steps * classes];
            out.getFloatBuffer().get(p);
            OnnxTensor hidden = (OnnxTensor) r.get(OcrModels.READER_FEATURES)
                    .orElseThrow(() -> new IllegalStateException("the reader returned no features"));
            int featureCount = (int) hidden.getInfo().getShape()[2];
            float[] f = new float[steps * featureCount];
            hidden.getFloatBuffer().get(f);
            return new Pass(p, steps, classes, f, featureCount);
        } catch (OrtException e) {
            throw new IllegalStateException("text recognition failed: " + e.getMessage(), e);
        }
    }

    /** The plate characters as the plate head reads them (the original layer's reading when no head is shipped). */
    LineRead decode(Pass pass) {
        if (head == null) {
            return decodeOriginal(pass);
        }
        if (pass.featureCount() != head.features) {
            throw new IllegalStateException("the plate head expects " + head.features
                    + " features per step but the reader gives " + pass.featureCount() + ": retrain it for this model");
        }
        String raw = greedy(pass.probs(), pass.steps(), pass.classes(), models.alphabet, null).raw;
        float[] z = head.logits(pass.features(), pass.steps());
        PlateHead.softmaxRows(z, pass.steps());
        Greedy g = greedy(z, pass.steps(), PlateHead.CLASSES, null, HEAD_SYMBOLS);
        return new LineRead(raw, g.plate, g.probs);
    }

    /**
     * The plate characters as the OCR model's own output layer reads them. Used to triage boxes:
     * the head was trained on plates only and reads any text as confidently as a plate, while the
     * original layer's doubt on signs and stickers is what ranks them below plates.
     */
    LineRead decodeOriginal(Pass pass) {
        Greedy g = greedy(pass.probs(), pass.steps(), pass.classes(), models.alphabet, symbolClasses);
        return new LineRead(g.raw, g.plate, g.probs);
    }

    /**
     * The original layer's probabilities over the plate head's classes (blank and the 36 plate
     * symbols, upper and lower case pooled), renormalised, {@code steps x PlateHead.CLASSES}: what
     * the head is kept close to while it is trained.
     */
    float[] originalPlateProbs(Pass pass) {
        int steps = pass.steps();
        float[] q = new float[steps * PlateHead.CLASSES];
        for (int t = 0; t < steps; t++) {
            int base = t * pass.classes();
            int out = t * PlateHead.CLASSES;
            q[out] = pass.probs()[base];
            float sum = q[out];
            for (int s = 0; s < PlateSymbols.COUNT; s++) {
                float p = 0;
                for (int k : symbolClasses[s]) {
                    p += pass.probs()[base + k];
                }
                q[out + 1 + s] = p;
                sum += p;
            }
            for (int c = 0; c < PlateHead.CLASSES; c++) {
                q[out + c] /= Math.max(1e-12f, sum);
            }
        }
        return q;
    }

    /** The head's class c (1..36) is plate symbol c-1. */
    private static final int[][] HEAD_SYMBOLS = headSymbols();

    private static int[][] headSymbols() {
        int[][] out = new int[PlateSymbols.COUNT][];
        for (int s = 0; s < PlateSymbols.COUNT; s++) {
            out[s] = new int[] {s + 1};
        }
        return out;
    }

    private record Greedy(String raw, String plate, double[][] probs) {}

    /**
     * Greedy CTC decoding: collapse repeats, drop blanks; per emitted character keep the symbol
     * probabilities at its peak. One pass gives the raw text (when {@code alphabet}, the class
     * characters, is given) and the plate characters with their probabilities (when
     * {@code symbols}, the classes that spell each plate symbol, is given).
     */
    private static Greedy greedy(float[] p, int steps, int classes, char[] alphabet, int[][] symbols) {
        StringBuilder raw = new StringBuilder();
        StringBuilder plate = new StringBuilder();
        List<double[]> probs = new ArrayList<>();
        int prev = 0;
        int peakT = -1;
        float peakP = -1;
        for (int t = 0; t <= steps; t++) {
            int best = 0;
            float bestP = -1;
            if (t < steps) {
                int base = t * classes;
                for (int c = 0; c < classes; c++) {
                    if (p[base + c] > bestP) {
                        bestP = p[base + c];
                        best = c;
                    }
                }
            }
            if (t == steps || best != prev) {
                if (prev != 0 && peakT >= 0) {
                    if (alphabet != null) {
                        raw.append(prev < alphabet.length ? alphabet[prev] : '\uFFFD');
                    }
                    if (symbols != null) {
                        emit(p, peakT * classes, symbols, plate, probs);
                    }
                }
                peakT = -1;
                peakP = -1;
            }
            if (t < steps && best != 0 && bestP > peakP) {
                peakP = bestP;
                peakT = t;
            }
            prev = best;
        }
        return new Greedy(raw.toString(), plate.toString(), probs.toArray(new double[0][]));
    }

    private static void emit(float[] p, int base, int[][] symbols, StringBuilder plate, List<double[]> probs) {
        double[] sym = new double[PlateSymbols.COUNT];
        int arg = -1;
        for (int s = 0; s < PlateSymbols.COUNT; s++) {
            for (int k : symbols[s]) {
                sym[s] += p[base + k];
            }
            if (arg < 0 || sym[s] > sym[arg]) {
                arg = s;
            }
        }
        if (sym[arg] >= MIN_SYMBOL_PROB) {
            plate.append(PlateSymbols.SYMBOLS.charAt(arg));
            probs.add(sym);
        }
    }
}
