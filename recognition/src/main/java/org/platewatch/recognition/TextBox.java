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

    double overlap(TextBox o) {
        double ix = Math.max(0, Math.min(x + w, o.x + o.w) - Math.max(x, o.x));
        double iy = Math.max(0, Math.min(y + h, o.y + o.h) - Math.max(y, o.y));
        double inter = ix * iy;
        return inter / Math.max(1e-6, Math.min(w * h, o.w * o.h));
    }
}
