package org.platewatch.recognition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Picks, among all text the whole-scene detector found, the boxes most likely to be a plate's
 * character line, from shape and contrast alone, so that only a few of them are read.
 */
final class PlateLocaliser {

    record Scored(TextBox box, double score) {}

    List<Scored> rank(RgbImage img, List<TextBox> boxes, int limit) {
        List<Scored> scored = new ArrayList<>();
        for (TextBox b : boxes) {
            double s = plateLikeness(img, b);
            if (s > 0) {
                scored.add(new Scored(b, s));
            }
        }
        scored.sort(Comparator.comparingDouble(Scored::score).reversed());
        return scored.subList(0, Math.min(limit, scored.size()));
    }

    double plateLikeness(RgbImage img, TextBox b) {
        double aspect = b.aspect();
        // No upper bound on size beyond the image itself: a close crop of one plate is all plate.
        if (b.h() < 8 || b.h() > img.height * 0.95 || aspect < 1.2 || aspect > 12) {
            return 0;
        }
        // A plate's line of 5-7 characters, each about half as wide as tall, has aspect ~2.5-6 after unclip.
        double aspectPrior =
                aspect < 2 ? 0.3 + 0.7 * (aspect - 1.2) / 0.8 : aspect > 7 ? Math.max(0.15, 1 - (aspect - 7) / 5) : 1;
        return b.score() * aspectPrior * contrast(img, b) * overlayPenalty(img, b);
    }

    /**
     * Cameras burn time stamps and site names into a strip along the top or bottom edge. Small
     * text there is far more often such an overlay than a plate; large text there (a close crop
     * of a plate) is not penalised.
     */
    static double overlayPenalty(RgbImage img, TextBox b) {
        double band = img.height * 0.06;
        boolean small = b.h() < img.height * 0.08;
        boolean atEdge = b.cy() < band || b.cy() > img.height - band;
        return small && atEdge ? 0.2 : 1;
    }

    /**
     * Plate characters are printed to be read from afar: dark on light (or the reverse) with a
     * wide luma spread. Measured as the 10-90 percentile spread on a coarse sample grid.
     */
    static double contrast(RgbImage img, TextBox b) {
        int nx = 16, ny = 8;
        int[] v = new int[nx * ny];
        int k = 0;
        for (int j = 0; j < ny; j++) {
            int y = clamp((int) (b.y() + (j + 0.5) * b.h() / ny), img.height);
            for (int i = 0; i < nx; i++) {
                int x = clamp((int) (b.x() + (i + 0.5) * b.w() / nx), img.width);
                v[k++] = img.luma(x, y);
            }
        }
        Arrays.sort(v);
        double spread = v[v.length * 9 / 10] - v[v.length / 10];
        return Math.max(0.15, Math.min(1, spread / 90.0));
    }

    private static int clamp(int v, int size) {
        return Math.max(0, Math.min(size - 1, v));
    }
}
