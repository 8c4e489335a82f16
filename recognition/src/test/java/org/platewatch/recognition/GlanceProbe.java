package org.platewatch.recognition;

import java.nio.file.Path;

/** Development aid, not a test: prints the quick reads of each image's plate-like boxes. */
public final class GlanceProbe {
    public static void main(String[] args) throws Exception {
        try (Recognizer r = new Recognizer()) {
            for (String a : args) {
                RgbImage img = RgbImage.of(Recognizer.decode(Path.of(a)));
                System.out.println("== " + a);
                for (CandidateReader.Glance g : r.glances(img)) {
                    TextBox b = g.box();
                    System.out.printf("  %-12s raw=%-20s score=%.3f box=%.0f,%.0f %.0fx%.0f det=%.2f like=%.2f%n", g.read().plate(), g.read().raw(), g.score(),
                            b.x(), b.y(), b.w(), b.h(), b.score(), new PlateLocaliser().plateLikeness(img, b));
                }
            }
        }
    }
}
