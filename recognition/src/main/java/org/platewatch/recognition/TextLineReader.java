package org.platewatch.recognition;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * PP-OCRv4 text-line recognition with CTC decoding that keeps, for each character, the
 * probabilities of all 36 plate symbols, so that plate-syntax rules can later pick a
 * runner-up (O for 0, B for 8) on evidence rather than by blind substitution.
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
    /** For each of the 36 plate symbols, the class indices that spell it (upper and lower case letters). */
    private final int[][] symbolClasses;

    private final ai.onnxruntime.OrtSession session;

    TextLineReader(OcrModels models) {
        this(models, models.reader);
    }

    TextLineReader(OcrModels models, ai.onnxruntime.OrtSession session) {
        this.models = models;
        this.session = session;
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

    /**
     * Reads the source rectangle as one text line, stretched horizontally by {@code stretch}
     * (plates are set in narrow, tall characters that the model, trained on documents, reads
     * better when widened).
     */
    LineRead read(RgbImage image, double sx, double sy, double sw, double sh, double stretch) {
        int width = (int) Math.round(HEIGHT * sw / Math.max(1, sh) * stretch);
        width = Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, width));
        float[] input = image.toTensor(sx, sy, sw, sh, width, HEIGHT, MEAN, STD);
        try (OnnxTensor t = OnnxTensor.createTensor(models.env, FloatBuffer.wrap(input), new long[]{1, 3, HEIGHT, width});
             OrtSession.Result r = session.run(Map.of(session.getInputNames().iterator().next(), t))) {
            OnnxTensor out = (OnnxTensor) r.get(0);
            long[] shape = out.getInfo().getShape();
            int steps = (int) shape[1];
            int classes = (int) shape[2];
            float[] p = new float[steps * classes];
            out.getFloatBuffer().get(p);
            return decode(p, steps, classes);
        } catch (OrtException e) {
            throw new IllegalStateException("text recognition failed: " + e.getMessage(), e);
        }
    }

    /** Greedy CTC decoding: collapse repeats, drop blanks; per emitted character keep the symbol probabilities at its peak. */
    LineRead decode(float[] p, int steps, int classes) {
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
                    emit(p, peakT * classes, prev, raw, plate, probs);
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
        return new LineRead(raw.toString(), plate.toString(), probs.toArray(new double[0][]));
    }

    private void emit(float[] p, int base, int cls, StringBuilder raw, StringBuilder plate, List<double[]> probs) {
        char c = cls < models.alphabet.length ? models.alphabet[cls] : '\uFFFD';
        raw.append(c);
        double[] sym = new double[PlateSymbols.COUNT];
        int arg = -1;
        for (int s = 0; s < PlateSymbols.COUNT; s++) {
            for (int k : symbolClasses[s]) {
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
