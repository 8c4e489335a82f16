package org.platewatch.recognition;

/**
 * Connectionist temporal classification loss and its gradient, for training the
 * {@link PlateHead}: the reader emits one class per time step (class 0 is the blank), and the
 * loss is minus the log of the total probability of every step-wise path that collapses to the
 * label. Computed with the forward-backward recursions in log space (Graves et al., 2006).
 */
final class Ctc {

    private static final int BLANK = 0;

    private Ctc() {}

    /**
     * The loss for one sequence, with d loss / d logits written into {@code grad} (same layout as
     * {@code logits}: {@code steps x classes}). Returns {@code Double.NaN} and leaves {@code grad}
     * zero when the label cannot fit into that many steps.
     *
     * @param label class indices (1..classes-1), no blanks
     */
    static double lossAndGradient(float[] logits, int steps, int classes, int[] label, float[] grad) {
        java.util.Arrays.fill(grad, 0, steps * classes, 0f);
        int s = 2 * label.length + 1;
        int[] ext = new int[s];
        for (int i = 0; i < label.length; i++) {
            ext[2 * i + 1] = label[i];
        }
        int needed = label.length;
        for (int i = 1; i < label.length; i++) {
            if (label[i] == label[i - 1]) {
                needed++; // a doubled character needs a blank between its two copies
            }
        }
        if (steps < needed || steps == 0) {
            return Double.NaN;
        }
        double[] logY = logSoftmax(logits, steps, classes);
        double[] alpha = new double[steps * s];
        double[] beta = new double[steps * s];
        java.util.Arrays.fill(alpha, Double.NEGATIVE_INFINITY);
        java.util.Arrays.fill(beta, Double.NEGATIVE_INFINITY);
        alpha[0] = logY[ext[0]];
        if (s > 1) {
            alpha[1] = logY[ext[1]];
        }
        for (int t = 1; t < steps; t++) {
            for (int k = 0; k < s; k++) {
                double a = alpha[(t - 1) * s + k];
                if (k >= 1) {
                    a = logAdd(a, alpha[(t - 1) * s + k - 1]);
                }
                if (k >= 2 && ext[k] != BLANK && ext[k] != ext[k - 2]) {
                    a = logAdd(a, alpha[(t - 1) * s + k - 2]);
                }
                alpha[t * s + k] = a + logY[t * classes + ext[k]];
            }
        }
        int last = (steps - 1) * s;
        beta[last + s - 1] = 0;
        if (s > 1) {
            beta[last + s - 2] = 0;
        }
        for (int t = steps - 2; t >= 0; t--) {
            for (int k = 0; k < s; k++) {
                int next = (t + 1) * s;
                double b = beta[next + k] + logY[(t + 1) * classes + ext[k]];
                if (k + 1 < s) {
                    b = logAdd(b, beta[next + k + 1] + logY[(t + 1) * classes + ext[k + 1]]);
                }
                if (k + 2 < s && ext[k + 2] != BLANK && ext[k + 2] != ext[k]) {
                    b = logAdd(b, beta[next + k + 2] + logY[(t + 1) * classes + ext[k + 2]]);
                }
                beta[t * s + k] = b;
            }
        }
        double logP = alpha[last + s - 1];
        if (s > 1) {
            logP = logAdd(logP, alpha[last + s - 2]);
        }
        if (logP == Double.NEGATIVE_INFINITY) {
            return Double.NaN;
        }
        double[] occupancy = new double[classes];
        for (int t = 0; t < steps; t++) {
            java.util.Arrays.fill(occupancy, Double.NEGATIVE_INFINITY);
            for (int k = 0; k < s; k++) {
                occupancy[ext[k]] = logAdd(occupancy[ext[k]], alpha[t * s + k] + beta[t * s + k]);
            }
            for (int c = 0; c < classes; c++) {
                double y = Math.exp(logY[t * classes + c]);
                grad[t * classes + c] = (float) (y - Math.exp(occupancy[c] - logP));
            }
        }
        return -logP;
    }

    private static double[] logSoftmax(float[] z, int steps, int classes) {
        double[] out = new double[steps * classes];
        for (int t = 0; t < steps; t++) {
            int base = t * classes;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, z[base + c]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += Math.exp(z[base + c] - max);
            }
            double log = max + Math.log(sum);
            for (int c = 0; c < classes; c++) {
                out[base + c] = z[base + c] - log;
            }
        }
        return out;
    }

    static double logAdd(double a, double b) {
        if (a == Double.NEGATIVE_INFINITY) {
            return b;
        }
        if (b == Double.NEGATIVE_INFINITY) {
            return a;
        }
        double max = Math.max(a, b);
        return max + Math.log1p(Math.exp(-Math.abs(a - b)));
    }
}
