package org.platewatch.recognition;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shipped INT8 whole-scene detector ({@code tools/quantize-detector.sh}) on real photos: it
 * finds the labelled plates the published FP32 detector finds, and the pipeline with it reads
 * them as labelled.
 */
class Int8DetectorTest {

    /** us/ photos of several sizes and layouts that the pipeline reads right with either detector. */
    private static final List<String> PHOTOS =
            List.of("car6", "car1", "0b86cecf-67d1-4fc0-87c9-b36b0ee228bb", "wts-lg-000120");

    @Test
    void findsTheLabelledPlatesAsTheFp32DetectorDoes() throws IOException {
        try (OcrModels fp32 = new OcrModels(2, 1, DetectorPrecision.FP32);
                OcrModels int8 = new OcrModels(2, 1, DetectorPrecision.INT8)) {
            for (String name : PHOTOS) {
                RgbImage img = RgbImage.of(Recognizer.decode(photo(name)));
                double[] label = labelBox(name);
                assertThat(bestOverlap(detect(fp32, img), label))
                        .as("FP32 on %s", name)
                        .isGreaterThan(0.3);
                assertThat(bestOverlap(detect(int8, img), label))
                        .as("INT8 on %s", name)
                        .isGreaterThan(0.3);
            }
        }
    }

    @Test
    void thePipelineWithTheInt8DetectorReadsThePlatesAsLabelled() throws IOException {
        Settings d = Settings.defaults();
        try (Recognizer int8 = new Recognizer(withPrecision(d, DetectorPrecision.INT8))) {
            for (String name : PHOTOS) {
                List<PlateCandidate> candidates = int8.recognize(photo(name));
                assertThat(candidates).as(name).isNotEmpty();
                assertThat(candidates.get(0).plate()).as(name).isEqualTo(label(name)[5]);
            }
        }
    }

    @Test
    void precisionIsReadFromItsSettingInEitherCase() {
        assertThat(DetectorPrecision.of("int8")).isEqualTo(DetectorPrecision.INT8);
        assertThat(DetectorPrecision.of(" FP32 ")).isEqualTo(DetectorPrecision.FP32);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DetectorPrecision.of("int4"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("int4");
    }

    private static List<TextBox> detect(OcrModels models, RgbImage img) {
        double scale = Math.min(1.0, 1120 / (double) Math.max(img.width, img.height));
        return new TextDetector(models, models.sceneDetector)
                .detect(
                        img,
                        0,
                        0,
                        img.width,
                        img.height,
                        Recognizer.roundTo32(img.width * scale),
                        Recognizer.roundTo32(img.height * scale),
                        0.4);
    }

    /** The largest share of the label's box that one detected box covers. */
    private static double bestOverlap(List<TextBox> boxes, double[] label) {
        double best = 0;
        for (TextBox b : boxes) {
            double w = Math.min(b.x() + b.w(), label[0] + label[2]) - Math.max(b.x(), label[0]);
            double h = Math.min(b.y() + b.h(), label[1] + label[3]) - Math.max(b.y(), label[1]);
            if (w > 0 && h > 0) {
                best = Math.max(best, w * h / (label[2] * label[3]));
            }
        }
        return best;
    }

    private static Path photo(String name) {
        return RecognizerTest.dataset("us").resolve(name + ".jpg");
    }

    private static String[] label(String name) throws IOException {
        return Files.readString(RecognizerTest.dataset("us").resolve(name + ".txt"))
                .trim()
                .split("\t");
    }

    private static double[] labelBox(String name) throws IOException {
        String[] f = label(name);
        return new double[] {
            Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4])
        };
    }

    private static Settings withPrecision(Settings d, DetectorPrecision precision) {
        return d.with(c -> c.detectorPrecision = precision);
    }
}
