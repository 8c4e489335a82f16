package org.platewatch.recognition;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Development aid, not a test: where the labelled plate ranks among the localiser's boxes. Run with main(). */
public final class LocalisationProbe {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Settings s = Settings.defaults();
        OcrModels models = new OcrModels(2, 1);
        TextDetector det = new TextDetector(models, models.sceneDetector);
        PlateLocaliser loc = new PlateLocaliser();
        int found = 0, n = 0, inTop = 0;
        List<Path> labels;
        try (Stream<Path> listed = Files.list(dir)) {
            labels = listed.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
        for (Path txt : labels) {
            String[] f = Files.readAllLines(txt).get(0).split("\t");
            double lx = Double.parseDouble(f[1]),
                    ly = Double.parseDouble(f[2]),
                    lw = Double.parseDouble(f[3]),
                    lh = Double.parseDouble(f[4]);
            RgbImage img = RgbImage.of(Recognizer.decode(dir.resolve(f[0])));
            double scale = Math.min(1.0, s.detMaxSide() / (double) Math.max(img.width, img.height));
            List<TextBox> boxes = det.detect(
                    img,
                    0,
                    0,
                    img.width,
                    img.height,
                    Recognizer.roundTo32(img.width * scale),
                    Recognizer.roundTo32(img.height * scale),
                    0.0);
            List<TextBox> ranked = loc.rank(img, boxes, 100).stream()
                    .map(PlateLocaliser.Scored::box)
                    .toList();
            n++;
            int rank = -1;
            TextBox hit = null;
            for (TextBox b : boxes) {
                if (b.cx() > lx && b.cx() < lx + lw && b.cy() > ly && b.cy() < ly + lh) {
                    hit = b;
                    rank = ranked.indexOf(b);
                    break;
                }
            }
            if (hit != null) {
                found++;
            }
            if (rank >= 0 && rank < s.triaged()) {
                inTop++;
            }
            System.out.printf(
                    "%-45s label %4.0fx%3.0f rank %3d hit %s%n",
                    f[0],
                    lw,
                    lh,
                    rank,
                    hit == null
                            ? "-"
                            : String.format(
                                    "%.0f,%.0f %.0fx%.0f s=%.2f like=%.2f",
                                    hit.x(), hit.y(), hit.w(), hit.h(), hit.score(), loc.plateLikeness(img, hit)));
        }
        System.out.printf("found %d/%d, in top %d: %d%n", found, n, s.triaged(), inTop);
        models.close();
    }
}
