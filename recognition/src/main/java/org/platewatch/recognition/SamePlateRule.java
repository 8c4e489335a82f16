package org.platewatch.recognition;

import java.util.ArrayList;
import java.util.List;

/**
 * A plate prints its serial as its largest text; the state name, slogan, county and dealer frame
 * above and below it are smaller. When two candidates are lines of the same plate (stacked, with
 * overlapping columns), the clearly shorter one loses confidence with the square of its height
 * ratio, so a well-read slogan or sticker does not outrank a less certain serial.
 */
final class SamePlateRule {

    /** Lines closer in height than this are not told apart by height (detection boxes wobble). */
    private static final double CLEARLY_TALLER = 1.2;
    /** Stacked lines of one plate lie within this many of the taller line's heights of each other. */
    private static final double SAME_PLATE_DISTANCE = 3.0;

    private SamePlateRule() {}

    @SuppressWarnings("ReferenceEquality") // other != c skips the candidate itself, not an equal one beside it
    static List<PlateCandidate> apply(List<PlateCandidate> candidates) {
        List<PlateCandidate> out = new ArrayList<>(candidates.size());
        for (PlateCandidate c : candidates) {
            double tallest = c.box().height();
            for (PlateCandidate other : candidates) {
                if (other != c && samePlate(c.box(), other.box())) {
                    tallest = Math.max(tallest, other.box().height());
                }
            }
            // Lines within CLEARLY_TALLER of the tallest keep their confidence; below that it falls
            // with the square of the shortfall, continuously, so a pixel of detection wobble
            // cannot swap two near-equal lines.
            double shortfall = Math.min(1, c.box().height() * CLEARLY_TALLER / Math.max(1.0, tallest));
            out.add(
                    shortfall < 1
                            ? new PlateCandidate(
                                    c.plate(),
                                    c.confidence() * shortfall * shortfall,
                                    c.region(),
                                    c.box(),
                                    c.characterConfidences())
                            : c);
        }
        return out;
    }

    /** Columns overlap by at least half the narrower box, and the centres are vertically close. */
    static boolean samePlate(PlateBox a, PlateBox b) {
        int overlap = Math.min(a.x() + a.width(), b.x() + b.width()) - Math.max(a.x(), b.x());
        if (overlap < 0.5 * Math.min(a.width(), b.width())) {
            return false;
        }
        double dy = Math.abs((a.y() + a.height() / 2.0) - (b.y() + b.height() / 2.0));
        return dy < SAME_PLATE_DISTANCE * Math.max(a.height(), b.height());
    }
}
