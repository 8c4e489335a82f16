package org.platewatch.recognition;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Picks, among all text the whole-scene detector found, the boxes most likely to be a plate's
 * character line, so that only a few of them pay for the expensive close-up reading.
 */
final class PlateLocaliser {

    List<TextBox> rank(RgbImage img, List<TextBox> boxes, int limit) {
        List<Scored> scored = new ArrayList<>();
        for (TextBox b : boxes) {
            double s = plateLikeness(img, b);
            if (s > 0) {
                scored.add(new Scored(b, s));
            }
        }
        scored.sort(Comparator.comparingDouble(Scored::score).reversed());
        List<TextBox> out = new ArrayList<>();
        for (Scored s : scored) {
            if (out.size() >= limit) {
                break;
            }
            out.add(s.box());
        }
        return out;
    }

    double plateLikeness(RgbImage img, TextBox b) {
        double aspect = b.aspect();
        if (b.h() < 8 || b.h() > img.height * 0.3 || aspect < 1.3 || aspect > 12) {
            return 0;
        }
        // Plate lines run 2..8 characters set about half as wide as tall: aspect 2..6 after unclip.
        double aspectPrior = aspect < 2 ? (aspect - 1.3) / 0.7 : aspect > 7 ? Math.max(0.1, 1 - (aspect - 7) / 5) : 1;
        return b.score() * (0.2 + 0.8 * aspectPrior);
    }

    private record Scored(TextBox box, double score) {
    }
}
