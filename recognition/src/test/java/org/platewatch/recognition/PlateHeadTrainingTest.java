package org.platewatch.recognition;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Trains on a handful of real us-crops photos: the command works end to end and is reproducible. */
class PlateHeadTrainingTest {

    private static List<PlateHeadTraining.Example> examples() throws Exception {
        Path crops = RecognizerTest.dataset("us-crops");
        Map<String, String> labels = new java.util.HashMap<>();
        for (String line : Files.readAllLines(crops.resolve("groundtruth.csv"))) {
            String[] f = line.split(",");
            labels.put(f[0], f.length > 2 ? f[2] : "");
        }
        return List.of("ak1165.png", "ak399.png", "al1156.png", "al1181.png").stream()
                .map(name -> new PlateHeadTraining.Example(crops.resolve(name), labels.get(name)))
                .toList();
    }

    private static byte[] train(Path out, List<PlateHeadTraining.Example> examples, StringBuilder logged) throws Exception {
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
    void theShippedHeadIsOnTheClassPathAndFitsTheReader() {
        PlateHead head = PlateHead.shipped().orElseThrow(() -> new AssertionError(
                "plate-head.bin missing: run bin/platewatch train-plate-head ../shared/datasets/plates/us-crops"));
        assertThat(head.features).isEqualTo(120);
    }
}
