package org.platewatch.recognition;

import java.nio.file.Path;
import java.util.List;

public final class LineProbe {
    public static void main(String[] a) throws Exception {
        OcrModels m = new OcrModels(1, 1);
        RgbImage img = RgbImage.of(Recognizer.decode(Path.of(a[0])));
        double x = Double.parseDouble(a[1]), y = Double.parseDouble(a[2]), w = Double.parseDouble(a[3]), h = Double.parseDouble(a[4]);
        for (String model : new String[]{"scene", "line"}) {
            TextDetector det = new TextDetector(m, model.equals("scene") ? m.sceneDetector : m.lineDetector);
            for (double lh : new double[]{32, 48, 64, 96}) {
                double s = lh / h;
                double rx = x - w * 0.25, ry = y - h * 0.6, rw = w * 1.5, rh = h * 2.2;
                int dw = Math.min(640, Recognizer.roundTo32(rw * s)), dh = Math.min(320, Recognizer.roundTo32(rh * s));
                List<TextBox> boxes = det.detect(img, rx, ry, rw, rh, dw, dh, 0.0);
                System.out.printf("%s lh=%.0f %dx%d:", model, lh, dw, dh);
                for (TextBox b : boxes) System.out.printf(" [%.0f,%.0f %.0fx%.0f %.2f]", b.x(), b.y(), b.w(), b.h(), b.score());
                System.out.println();
            }
        }
    }
}
