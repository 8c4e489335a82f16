package org.platewatch.recognition;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Development aid, not a test: which boxes the whole-scene detectors (v3, and v4 as the second
 * look uses it) return near a labelled plate at several detection sizes.
 * Arguments: IMAGE X Y WIDTH HEIGHT (the label's box, as in a us/ NAME.txt).
 */
public final class ScaleProbe {
    private static final int[] LONGEST_SIDES = {640, 800, 960, 1120, 1280, 1600};

    public static void main(String[] args) throws Exception {
        RgbImage img = RgbImage.of(Recognizer.decode(Path.of(args[0])));
        double x = Double.parseDouble(args[1]), y = Double.parseDouble(args[2]);
        double w = Double.parseDouble(args[3]), h = Double.parseDouble(args[4]);
        try (OcrModels models = new OcrModels(2, 1)) {
            for (String name : List.of("v3", "v4")) {
                TextDetector detector =
                        new TextDetector(models, name.equals("v3") ? models.sceneDetector : models.secondLookDetector);
                for (int side : LONGEST_SIDES) {
                    double scale = side / (double) Math.max(img.width, img.height);
                    List<TextBox> boxes = detector.detect(
                            img,
                            0,
                            0,
                            img.width,
                            img.height,
                            Recognizer.roundTo32(img.width * scale),
                            Recognizer.roundTo32(img.height * scale),
                            0.0);
                    StringBuilder near = new StringBuilder();
                    for (TextBox b : boxes) {
                        // Centre inside the label's box, widened by half its width on each side.
                        if (b.cx() > x - w / 2 && b.cx() < x + 1.5 * w && b.cy() > y && b.cy() < y + h) {
                            near.append(String.format(
                                    Locale.ROOT,
                                    " [%.0f,%.0f %.0fx%.0f s=%.2f]",
                                    b.x(),
                                    b.y(),
                                    b.w(),
                                    b.h(),
                                    b.score()));
                        }
                    }
                    System.out.printf(
                            Locale.ROOT,
                            "%s at %4d px: %2d boxes, near the label:%s%n",
                            name,
                            side,
                            boxes.size(),
                            near.length() == 0 ? " none" : near);
                }
            }
        }
    }
}
