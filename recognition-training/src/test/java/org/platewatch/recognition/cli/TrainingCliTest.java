package org.platewatch.recognition.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingCliTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return TrainingCli.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    static Path usPhotos() {
        Path root = Path.of(System.getProperty("platewatch.root", ".."));
        return root.resolve("../shared/datasets/plates/us").normalize();
    }

    @Test
    void helpDescribesTheCommands() {
        assertThat(run("bench-recognition", "--help")).isZero();
        assertThat(out())
                .contains("Usage: platewatch bench-recognition")
                .contains("--held-out")
                .contains("--fold");
        assertThat(run("train-plate-head", "--help")).isZero();
        assertThat(out())
                .contains("Usage: platewatch train-plate-head")
                .contains("--anchor")
                .contains("--runs")
                .contains("--hold-out")
                .contains("plate-head.bin");
    }

    @Test
    void badTrainingOptionsAreAOneLineErrorWithStatusTwo(@TempDir Path dir) {
        // Every call names --out, so a regression that started training could not touch the shipped weights.
        String out = dir.resolve("plate-head.bin").toString();
        assertThat(run("train-plate-head", "--out", out)).isEqualTo(2);
        assertThat(run("train-plate-head", dir.toString(), "--out", out, "--epochs", "0"))
                .isEqualTo(2);
        assertThat(run("train-plate-head", dir.toString(), "--out", out, "--anchor", "lots"))
                .isEqualTo(2);
        assertThat(run("train-plate-head", dir.toString(), "--epochs", "2", "--out"))
                .isEqualTo(2);
        assertThat(run("train-plate-head", dir.toString(), dir.toString(), "--out", out))
                .isEqualTo(2);
        assertThat(run("train-plate-head", dir.toString(), "--out", out))
                .as("a folder without labels")
                .isEqualTo(2);
        assertThat(run("train-plate-head", dir.toString(), "--out", out, "--hold-out", "5"))
                .isEqualTo(2);
        assertThat(run("train-plate-head", dir.toString(), "--out", out, "--hold-out", "all"))
                .isEqualTo(2);
        assertThat(err().lines()).hasSize(8).allSatisfy(l -> assertThat(l).startsWith("platewatch train-plate-head: "));
        assertThat(dir.resolve("plate-head.bin")).doesNotExist();
    }

    @Test
    void badBenchInputIsAOneLineErrorWithStatusTwo() {
        assertThat(run("bench-recognition")).isEqualTo(2);
        assertThat(run("bench-recognition", usPhotos().toString(), "--fold", "-1"))
                .isEqualTo(2);
        assertThat(run("bench-recognition", usPhotos().toString(), "--fold")).isEqualTo(2);
        assertThat(run("bench-recognition", usPhotos().toString(), "--top", "0"))
                .isEqualTo(2);
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(run()).isEqualTo(2);
        assertThat(err().lines()).hasSize(6).allSatisfy(l -> assertThat(l).startsWith("platewatch"));
    }
}
