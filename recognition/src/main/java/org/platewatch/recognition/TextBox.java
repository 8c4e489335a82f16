package org.platewatch.recognition;

/** An axis-aligned text region found by the detector, in source image pixels, with its mean text probability. */
record TextBox(double x, double y, double w, double h, double score) {

    double cx() {
        return x + w / 2;
    }

    double cy() {
        return y + h / 2;
    }

    double aspect() {
        return w / Math.max(1e-6, h);
    }
}
