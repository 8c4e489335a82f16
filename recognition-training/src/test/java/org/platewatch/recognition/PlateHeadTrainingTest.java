package org.platewatch.recognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trains on a handful of real us-crops photos: the command works end to end and is reproducible;
 * and the loss gradient it descends is the loss's.
 */
class PlateHeadTrainingTest {

    /** The shared labelled photos, whether the tests run from the reactor root or the module directory. */
    private static Path dataset(String folder) {
        Path root = Path.of(System.getProperty("platewatch.root", ".."));
        Path plates = root.resolve("../shared/datasets/plates").normalize();
        if (!Files.isDirectory(plates)) {
            plates = root.resolve("../../shared/datasets/plates").normalize();
        }
        return plates.resolve(folder);
    }

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

    private static List<PlateHeadTraining.Example> examples() throws Exception {
        Path crops = dataset("us-crops");
        Map<String, String> labels = new java.util.HashMap<>();
        for (String line : Files.readAllLines(crops.resolve("groundtruth.csv"))) {
            String[] f = line.split(",");
            labels.put(f[0], f.length > 2 ? f[2] : "");
        }
        return List.of("ak1165.png", "ak399.png", "al1156.png", "al1181.png").stream()
                .map(name -> new PlateHeadTraining.Example(crops.resolve(name), labels.get(name)))
                .toList();
    }

    private static byte[] train(Path out, List<PlateHeadTraining.Example> examples, StringBuilder logged)
            throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PlateHeadTraining.Options options = new PlateHeadTraining.Options(2, 4, 1, 1e-3, 42, 2, 0.5);
        new PlateHeadTraining(options, new PrintStream(log, true, StandardCharsets.UTF_8))
                .train(examples, Map.of("check", examples.subList(0, 2)), out);
        logged.append(log.toString(StandardCharsets.UTF_8));
        return Files.readAllBytes(out);
    }

    @Test
    void trainingWritesAHeadThatLoadsAndTheSameSeedGivesTheSameWeights(@TempDir Path dir) throws Exception {
        List<PlateHeadTraining.Example> examples = examples();
        StringBuilder log = new StringBuilder();

        byte[] first = train(dir.resolve("a.bin"), examples, log);
        byte[] second = train(dir.resolve("b.bin"), examples, new StringBuilder());

        assertThat(second).isEqualTo(first);
        PlateHead head;
        try (InputStream in = Files.newInputStream(dir.resolve("a.bin"))) {
            head = PlateHead.read(in);
        }
        assertThat(head.features).isEqualTo(120);
        assertThat(head.hidden).isEqualTo(4);
        assertThat(log).contains("4 photos gave crops").contains("epoch  2").contains("check crops read exactly");
        // 4 photos x (quick read + 2 close-up crops + 1 jittered crop)
        assertThat(log).contains("16 training crops from 4 photos");
    }

    @Test
    void trainingGradientMatchesFiniteDifferences() {
        PlateHead head = randomHead(6, 4, 1);
        int steps = 8;
        float[] original = randomFeatures(steps, PlateHead.CLASSES, 5);
        for (int i = 0; i < original.length; i++) {
            original[i] = Math.abs(original[i]);
        }
        PlateHead.softmaxRows(original, steps); // any distribution per step will do
        PlateHeadTraining.Sample sample =
                new PlateHeadTraining.Sample(randomFeatures(steps, 6, 2), steps, new int[] {3, 30, 30}, original);
        double anchor = 0.7; // the CTC loss and the term keeping the head near the original layer
        float[] grad = new float[head.params.length];
        double loss = PlateHeadTraining.backward(head, sample, anchor, grad);
        assertThat(loss).isPositive();
        double h = 1e-2;
        float[] scratch = new float[head.params.length];
        // every parameter block: linear part, correction network's two layers and biases
        int[] probes = {
            head.w0 + 5, head.b0 + 3, head.w1 + 7, head.b1 + 1, head.w2 + 40, head.b2 + 30, head.w0 + 4 * 6 + 2
        };
        for (int i : probes) {
            float keep = head.params[i];
            head.params[i] = (float) (keep + h);
            double up = PlateHeadTraining.backward(head, sample, anchor, scratch);
            head.params[i] = (float) (keep - h);
            double down = PlateHeadTraining.backward(head, sample, anchor, scratch);
            head.params[i] = keep;
            assertThat((double) grad[i]).as("parameter %d", i).isCloseTo((up - down) / (2 * h), within(2e-3));
            assertThat(Math.abs(grad[i]))
                    .as("parameter %d takes part (a zero gradient would pass vacuously)", i)
                    .isGreaterThan(1e-6f);
        }
    }
}
