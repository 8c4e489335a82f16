package org.platewatch.recognition;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The plate-trained output layer that replaces PP-OCRv4's own. The OCR network's last hidden
 * layer (120 features per time step) is kept as it is; only the step from those features to
 * characters is learnt again, on plates, by the head's training (module {@code recognition-training}).
 *
 * <p>Why: the original layer chooses among 6,625 document characters and gets plate fonts wrong
 * with confidence (W read as H, E as 3, U as 1, D as 0, an emblem as a letter). This head has 37
 * outputs (the CTC blank and the 36 plate symbols) and up to two parts:
 * <ul>
 *     <li>a linear map of the step's features, started from the original layer's rows for the
 *     blank and the upper-case letters and digits, so that training begins close to where PP-OCR
 *     already is (not exactly there: the original layer also weighs lower case, punctuation and
 *     Chinese characters, which the head does not have);</li>
 *     <li>optionally ({@code hidden > 0}), a small correction network (one hidden layer) over the
 *     features of the step and its two neighbours, started at zero. The shipped head has none:
 *     with it, the head learnt the training photos rather than the glyphs (docs/recognition.md).
 *     With {@code hidden = 0} the bias {@code b2} merely adds to {@code b0} (the bias then learns
 *     at twice the step size); it is kept so that one file format serves both shapes.</li>
 * </ul>
 * Not modified once trained; {@link #logits} is safe to call from many threads.
 */
final class PlateHead {

    /** Output classes: 0 is the CTC blank, 1 + {@link PlateSymbols#index} the plate symbols. */
    static final int CLASSES = PlateSymbols.COUNT + 1;

    static final String RESOURCE = "/org/platewatch/recognition/plate-head.bin";
    private static final int MAGIC = 0x50575048; // "PWPH"
    private static final int VERSION = 1;

    final int features;
    final int hidden;
    /** All weights in one array (the optimiser treats them as one vector); offsets below. */
    final float[] params;
    /** Per-feature mean and scale that standardise the correction network's input. */
    final float[] mean;

    final float[] scale;

    final int w0;
    final int b0;
    final int w1;
    final int b1;
    final int w2;
    final int b2;

    PlateHead(int features, int hidden, float[] params, float[] mean, float[] scale) {
        this.features = features;
        this.hidden = hidden;
        this.w0 = 0;
        this.b0 = w0 + CLASSES * features;
        this.w1 = b0 + CLASSES;
        this.b1 = w1 + hidden * 3 * features;
        this.w2 = b1 + hidden;
        this.b2 = w2 + CLASSES * hidden;
        int size = b2 + CLASSES;
        if (params.length != size || mean.length != features || scale.length != features) {
            throw new IllegalArgumentException("plate head weights have the wrong size");
        }
        this.params = params;
        this.mean = mean;
        this.scale = scale;
    }

    static int parameterCount(int features, int hidden) {
        return CLASSES * features + CLASSES + hidden * 3 * features + hidden + CLASSES * hidden + CLASSES;
    }

    /** The head shipped in the jar, or empty when none has been trained (the original layer is then used). */
    static Optional<PlateHead> shipped() {
        try (InputStream in = PlateHead.class.getResourceAsStream(RESOURCE)) {
            return in == null ? Optional.empty() : Optional.of(read(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /**
     * The head the settings ask for: none when {@code plateHead} is off, the file named by
     * {@code plateHeadFile} when one is, else the shipped one.
     */
    static Optional<PlateHead> chosen(Settings settings) {
        if (!settings.plateHead()) {
            return Optional.empty();
        }
        if (settings.plateHeadFile().isBlank()) {
            return shipped();
        }
        java.nio.file.Path file = java.nio.file.Path.of(settings.plateHeadFile());
        try (InputStream in = java.nio.file.Files.newInputStream(file)) {
            return Optional.of(read(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the plate head " + file, e);
        }
    }

    /**
     * Class scores for every time step, {@code steps x CLASSES}, from the reader's features
     * ({@code steps x features}, row-major).
     */
    float[] logits(float[] f, int steps) {
        float[] out = new float[steps * CLASSES];
        float[] x = new float[3 * features];
        float[] h = new float[hidden];
        for (int t = 0; t < steps; t++) {
            standardisedContext(f, steps, t, x);
            forwardStep(f, t, x, h, out, t * CLASSES);
        }
        return out;
    }

    /** The correction network's input at step t: standardised features of t-1, t, t+1 (zero past the ends). */
    void standardisedContext(float[] f, int steps, int t, float[] x) {
        for (int k = -1; k <= 1; k++) {
            int s = t + k;
            int dst = (k + 1) * features;
            if (s < 0 || s >= steps) {
                java.util.Arrays.fill(x, dst, dst + features, 0f);
            } else {
                int src = s * features;
                for (int d = 0; d < features; d++) {
                    x[dst + d] = (f[src + d] - mean[d]) * scale[d];
                }
            }
        }
    }

    /** Logits of one step into {@code out[at..at+CLASSES)}; leaves the hidden activations in {@code h}. */
    void forwardStep(float[] f, int t, float[] x, float[] h, float[] out, int at) {
        float[] p = params;
        int in = 3 * features;
        for (int j = 0; j < hidden; j++) {
            float a = p[b1 + j];
            int row = w1 + j * in;
            for (int i = 0; i < in; i++) {
                a += p[row + i] * x[i];
            }
            h[j] = Math.max(0f, a);
        }
        int ft = t * features;
        for (int c = 0; c < CLASSES; c++) {
            float z = p[b0 + c] + p[b2 + c];
            int row0 = w0 + c * features;
            for (int d = 0; d < features; d++) {
                z += p[row0 + d] * f[ft + d];
            }
            int row2 = w2 + c * hidden;
            for (int j = 0; j < hidden; j++) {
                z += p[row2 + j] * h[j];
            }
            out[at + c] = z;
        }
    }

    /** Softmax of each step's logits, in place. */
    static void softmaxRows(float[] z, int steps) {
        for (int t = 0; t < steps; t++) {
            int base = t * CLASSES;
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < CLASSES; c++) {
                max = Math.max(max, z[base + c]);
            }
            float sum = 0;
            for (int c = 0; c < CLASSES; c++) {
                float e = (float) Math.exp(z[base + c] - max);
                z[base + c] = e;
                sum += e;
            }
            for (int c = 0; c < CLASSES; c++) {
                z[base + c] /= sum;
            }
        }
    }

    /** Writes what {@link #read} reads. Only training writes a head; the format stays here, in one class. */
    void write(OutputStream target) throws IOException {
        DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(target));
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(features);
        out.writeInt(hidden);
        for (float[] a : new float[][] {mean, scale, params}) {
            for (float v : a) {
                out.writeFloat(v);
            }
        }
        out.flush();
    }

    static PlateHead read(InputStream source) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(source));
        if (in.readInt() != MAGIC || in.readInt() != VERSION) {
            throw new IOException("not a plate head file of version " + VERSION);
        }
        int features = in.readInt();
        int hidden = in.readInt();
        if (features < 1 || features > 4096 || hidden < 0 || hidden > 4096) {
            throw new IOException("plate head file has an implausible shape");
        }
        float[] mean = readFloats(in, features);
        float[] scale = readFloats(in, features);
        float[] params = readFloats(in, parameterCount(features, hidden));
        return new PlateHead(features, hidden, params, mean, scale);
    }

    private static float[] readFloats(DataInputStream in, int n) throws IOException {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = in.readFloat();
        }
        return a;
    }
}
