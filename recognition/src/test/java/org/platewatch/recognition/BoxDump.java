package org.platewatch.recognition;

import java.nio.file.Path;
import java.util.List;

public final class BoxDump {
    public static void main(String[] args) throws Exception {
        OcrModels models = new OcrModels(2, 1);
        TextDetector det = new TextDetector(models, models.sceneDetector);
        int side = Integer.parseInt(args[1]);
        double lx = Double.parseDouble(args[2]), ly = Double.parseDouble(args[3]);
        RgbImage img = RgbImage.of(Recognizer.decode(Path.of(args[0])));
        double scale = Math.min(1.0, side / (double) Math.max(img.width, img.height));
        List<TextBox> boxes = det.detect(img, 0, 0, img.width, img.height, Recognizer.roundTo32(img.width * scale), Recognizer.roundTo32(img.height * scale), 0.0);
        for (TextBox b : boxes) {
            if (Math.abs(b.cx() - lx) < 300 && Math.abs(b.cy() - ly) < 200) {
                System.out.printf("%.0f,%.0f %.0fx%.0f s=%.2f%n", b.x(), b.y(), b.w(), b.h(), b.score());
            }
        }
        models.close();
    }
}
