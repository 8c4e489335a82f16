package org.platewatch.bench;

import java.util.Arrays;

/** Times in milliseconds, for percentiles (nearest rank). */
record Millis(double[] values) {

    Millis {
        values = values.clone();
        Arrays.sort(values);
    }

    double p(int percentile) {
        int rank = (int) Math.ceil(percentile / 100.0 * values.length);
        return values[Math.max(0, Math.min(values.length - 1, rank - 1))];
    }

    double max() {
        return values[values.length - 1];
    }
}
