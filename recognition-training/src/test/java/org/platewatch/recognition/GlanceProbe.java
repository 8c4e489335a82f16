package org.platewatch.recognition;

import java.nio.file.Path;

/** Development aid, not a test: prints the quick reads of each image's plate-like boxes. */
public final class GlanceProbe {
    public static void main(String[] args) throws Exception {
        Settings st = Settings.defaults();
        OcrModels m = new OcrModels(2, 1);
        TextDetector det = new TextDetector(m, m.sceneDetector);
        CandidateReader cr = new CandidateReader(
                new TextDetector(m, m.lineDetector), new TextLineReader(m, java.util.Optional.empty()), st);
        {
            for (String a : args) {
                RgbImage img = RgbImage.of(Recognizer.decode(Path.of(a)));
                System.out.println("== " + a);
                java.util.List<TextBox> scene = det.detect(
                        img,
                        0,
                        0,
                        img.width,
                        img.height,
                        Recognizer.roundTo32(
                                img.width * Math.min(1.0, st.detMaxSide() / (double) Math.max(img.width, img.height))),
                        Recognizer.roundTo32(
                                img.height * Math.min(1.0, st.detMaxSide() / (double) Math.max(img.width, img.height))),
                        st.detMinScore());
                for (PlateLocaliser.Scored sc : new PlateLocaliser().rank(img, scene, 12)) {
                    CandidateReader.Glance g = cr.glance(img, sc);
                    TextBox b = g.box();
                    System.out.printf(
                            "  %-12s raw=%-20s score=%.3f box=%.0f,%.0f %.0fx%.0f det=%.2f like=%.2f%n",
                            g.read().plate(),
                            g.read().raw(),
                            g.score(),
                            b.x(),
                            b.y(),
                            b.w(),
                            b.h(),
                            b.score(),
                            new PlateLocaliser().plateLikeness(img, b));
                }
            }
        }
    }
}
