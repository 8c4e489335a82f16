package org.platewatch.recognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PlateHeadTest {

    private static PlateHead randomHead(int features, int hidden, long seed) {
        Random random = new Random(seed);
        float[] params = new float[PlateHead.parameterCount(features, hidden)];
        for (int i = 0; i < params.length; i++) {
            params[i] = (float) (random.nextGaussian() * 0.3);
        }
        float[] mean = new float[features];
        float[] scale = new float[features];
        for (int d = 0; d < features; d++) {
            mean[d] = (float) random.nextGaussian();
            scale[d] = 0.5f + random.nextFloat();
        }
        return new PlateHead(features, hidden, params, mean, scale);
    }

    private static float[] randomFeatures(int steps, int features, long seed) {
        Random random = new Random(seed);
        float[] f = new float[steps * features];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) random.nextGaussian();
        }
        return f;
    }

    @Test
    void weightsSurviveAWriteAndRead() throws Exception {
        PlateHead head = randomHead(5, 3, 3);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        head.write(bytes);
        PlateHead back = PlateHead.read(new ByteArrayInputStream(bytes.toByteArray()));
        float[] f = randomFeatures(4, 5, 4);
        assertThat(back.logits(f, 4)).containsExactly(head.logits(f, 4));
    }

    @Test
    void theSettingsChooseTheHeadFileTheShippedHeadOrNone(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        // The cross-validation scores each fifth with a head trained without it, not the shipped one.
        PlateHead head = randomHead(5, 0, 7);
        java.nio.file.Path file = dir.resolve("fold-3.bin");
        try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(file)) {
            head.write(out);
        }
        Settings fromFile = Settings.defaults().with(c -> c.plateHeadFile = file.toString());
        float[] f = randomFeatures(3, 5, 8);
        assertThat(PlateHead.chosen(fromFile).orElseThrow().logits(f, 3)).containsExactly(head.logits(f, 3));
        assertThat(PlateHead.chosen(Settings.defaults()).orElseThrow().params)
                .containsExactly(PlateHead.shipped().orElseThrow().params);
        assertThat(PlateHead.chosen(fromFile.with(c -> c.plateHead = false))).isEmpty();
        Settings missing = Settings.defaults()
                .with(c -> c.plateHeadFile = dir.resolve("none.bin").toString());
        assertThatThrownBy(() -> PlateHead.chosen(missing)).hasMessageContaining("none.bin");
    }

    @Test
    void aFileThatIsNotAPlateHeadIsRefused() {
        assertThatThrownBy(() -> PlateHead.read(new ByteArrayInputStream(new byte[] {1, 2, 3, 4, 5, 6, 7, 8})))
                .hasMessageContaining("not a plate head file");
    }

    @Test
    void softmaxRowsSumToOne() {
        float[] z = {1, 2, 3};
        float[] row = new float[PlateHead.CLASSES * 2];
        System.arraycopy(z, 0, row, 0, 3);
        row[PlateHead.CLASSES + 5] = 9;
        PlateHead.softmaxRows(row, 2);
        double first = 0;
        for (int c = 0; c < PlateHead.CLASSES; c++) {
            first += row[c];
        }
        assertThat(first).isCloseTo(1, within(1e-5));
        assertThat(row[PlateHead.CLASSES + 5]).isGreaterThan(0.99f);
    }

    @Test
    void theShippedHeadIsOnTheClassPathAndFitsTheReader() {
        PlateHead head = PlateHead.shipped()
                .orElseThrow(
                        () -> new AssertionError(
                                "plate-head.bin missing: run bin/platewatch train-plate-head ../shared/datasets/plates/us-crops"));
        assertThat(head.features).isEqualTo(120);
    }
}
