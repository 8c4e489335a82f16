package org.platewatch.recognition;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.platewatch.plate.VehicleDescription;

/**
 * A cheap estimate of the vehicle's body colour: the most common colour name among pixels of a
 * band of bodywork just above the plate (boot lid or bumper), classified in HSV.
 *
 * <p>Deliberately simple: no reachable model recognises vehicles, so this is what pixels alone
 * can honestly say. Glare, shadow and dirt move pixels between white/silver/grey and black; when
 * no colour holds a clear majority the answer is "unknown" (null), not a guess.
 */
final class VehicleColourEstimator {

    /** Share of the sampled pixels the winning colour needs before it is reported. */
    private static final double MIN_SHARE = 0.4;

    private static final int GRID_X = 40;
    private static final int GRID_Y = 16;

    Optional<VehicleDescription> describe(BufferedImage image, PlateBox plate) {
        int w = Math.max(plate.width(), 1);
        int h = Math.max(plate.height(), 1);
        // The band is as wide as three plates and sits one to three plate-heights above it:
        // clear of the plate and its frame, still on the vehicle for cars seen front or back.
        int x0 = Math.max(0, plate.x() - w);
        int x1 = Math.min(image.getWidth(), plate.x() + 2 * w);
        int y0 = Math.max(0, plate.y() - 3 * h);
        int y1 = Math.min(image.getHeight(), plate.y() - h);
        if (x1 - x0 < 4 || y1 - y0 < 2) {
            return Optional.empty();
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        int total = 0;
        float[] hsv = new float[3];
        for (int j = 0; j < GRID_Y; j++) {
            int y = y0 + (int) ((j + 0.5) * (y1 - y0) / GRID_Y);
            for (int i = 0; i < GRID_X; i++) {
                int x = x0 + (int) ((i + 0.5) * (x1 - x0) / GRID_X);
                int rgb = image.getRGB(x, y);
                Color.RGBtoHSB((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff, hsv);
                counts.merge(name(hsv[0] * 360, hsv[1], hsv[2]), 1, Integer::sum);
                total++;
            }
        }
        Map.Entry<String, Integer> best =
                counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
        double share = best.getValue() / (double) total;
        String colour = share >= MIN_SHARE ? best.getKey() : null;
        // Make and type stay unknown: no model that recognises them is reachable from this build (only
        // OCR weights are on Maven Central), and guessing a make from badges would not be honest.
        return Optional.of(new VehicleDescription(null, null, colour, null));
    }

    /** Colour name for hue (degrees), saturation and value (0..1). */
    static String name(float hue, float sat, float val) {
        if (val < 0.22) {
            return "black";
        }
        if (sat < 0.18 || (sat < 0.3 && val < 0.35)) {
            return val > 0.78 ? "white" : val > 0.5 ? "silver" : "grey";
        }
        if ((hue < 50 && hue >= 15) && sat < 0.45 && val > 0.6) {
            return "beige";
        }
        if (hue < 15 || hue >= 335) {
            return val < 0.4 ? "brown" : "red";
        }
        if (hue < 45) {
            return val < 0.55 ? "brown" : "orange";
        }
        if (hue < 70) {
            return "yellow";
        }
        if (hue < 170) {
            return "green";
        }
        if (hue < 260) {
            return "blue";
        }
        return "purple";
    }
}
