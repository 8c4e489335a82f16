package org.platewatch.recognition.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecognitionCliTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return RecognitionCli.run(
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
    void helpDescribesTheCommand() {
        assertThat(run("recognize", "--help")).isZero();
        assertThat(out()).contains("Usage: platewatch recognize").contains("--top");
    }

    @Test
    void badInputIsAOneLineErrorWithStatusTwo() {
        assertThat(run("recognize", "--colour", "x.jpg")).isEqualTo(2);
        assertThat(run("recognize", "--top", "many", "x.jpg")).isEqualTo(2);
        assertThat(run("recognize")).isEqualTo(2);
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(run("train-plate-head", "--help"))
                .as("training is not in the runtime jar")
                .isEqualTo(2);
        assertThat(err().lines()).hasSize(5).allSatisfy(l -> assertThat(l).startsWith("platewatch"));
    }

    @Test
    void printsOneJsonLinePerImageAndReportsFilesThatAreNotImages(@TempDir Path dir) throws IOException {
        Path junk = dir.resolve("notes.jpg");
        Files.writeString(junk, "hello");
        Path photo = usPhotos().resolve("car6.jpg");

        int status = run("recognize", "--json", "--top", "1", junk.toString(), photo.toString());

        assertThat(status).isEqualTo(1);
        assertThat(err().lines()).singleElement().asString().contains("notes.jpg");
        assertThat(out().lines())
                .singleElement()
                .asString()
                .startsWith("{\"image\": \"" + photo + "\", \"ms\": ")
                .contains("\"candidates\": [{\"plate\": \"AKS4329\", \"confidence\": ")
                .contains("\"region\": ")
                .contains("\"box\": [");
    }

    @Test
    void aDirectoryIsItsPhotosInNameOrderAndTheOtherFilesAreSkippedWithOneNote(@TempDir Path dir) throws IOException {
        Path photo = usPhotos().resolve("car6.jpg");
        Files.copy(photo, dir.resolve("b.jpg"));
        Files.copy(photo, dir.resolve("a.JPG"));
        Files.writeString(dir.resolve("a.txt"), "AKS4329");
        Files.writeString(dir.resolve("notes.md"), "labels");
        Files.createDirectory(dir.resolve("older"));

        int status = run("recognize", "--top", "1", dir.toString());

        assertThat(status).isZero();
        assertThat(out().lines())
                .satisfiesExactly(
                        l -> assertThat(l)
                                .startsWith("{\"image\": \"" + dir.resolve("a.JPG") + "\"")
                                .contains("AKS4329"),
                        l -> assertThat(l)
                                .startsWith("{\"image\": \"" + dir.resolve("b.jpg") + "\"")
                                .contains("AKS4329"));
        assertThat(err().lines())
                .singleElement()
                .asString()
                .contains(dir.toString())
                .contains("skipped 2 files");
    }

    @Test
    void withSeveralJobsTheLinesKeepTheOrderGivenAndMissingFilesDoNotStopTheRun(@TempDir Path dir) throws IOException {
        Path car6 = usPhotos().resolve("car6.jpg");
        Path other = usPhotos().resolve("22e54a62-57a8-4a0a-88c1-4b9758f67651.jpg");
        Path missing = dir.resolve("gone.jpg");
        Path empty = Files.createDirectory(dir.resolve("empty"));

        int status = run(
                "recognize",
                "--jobs",
                "3",
                "--top",
                "1",
                other.toString(),
                car6.toString(),
                missing.toString(),
                other.toString(),
                empty.toString(),
                car6.toString());

        assertThat(status).as("a photo could not be read").isEqualTo(1);
        assertThat(out().lines())
                .satisfiesExactly(
                        l -> assertThat(l).contains(other.toString()).contains("SL7C6S"),
                        l -> assertThat(l).contains(car6.toString()).contains("AKS4329"),
                        l -> assertThat(l).contains(other.toString()).contains("SL7C6S"),
                        l -> assertThat(l).contains(car6.toString()).contains("AKS4329"));
        assertThat(err().lines())
                .satisfiesExactly(
                        l -> assertThat(l).isEqualTo("platewatch recognize: " + missing + ": no such file"),
                        l -> assertThat(l)
                                .isEqualTo("platewatch recognize: " + empty + ": no photo in this directory"));
    }

    @Test
    void aBadNumberOfJobsIsAOneLineErrorWithStatusTwo() {
        assertThat(run("recognize", "--jobs", "0", "x.jpg")).isEqualTo(2);
        assertThat(run("recognize", "--jobs", "two", "x.jpg")).isEqualTo(2);
        assertThat(run("recognize", "--jobs", "65", "x.jpg")).isEqualTo(2);
        assertThat(run("recognize", "x.jpg", "--jobs")).isEqualTo(2);
        assertThat(out()).isEmpty();
        assertThat(err().lines())
                .containsExactly(
                        "platewatch recognize: --jobs must be between 1 and 64, got 0",
                        "platewatch recognize: --jobs needs a whole number, got 'two'",
                        "platewatch recognize: --jobs must be between 1 and 64, got 65",
                        "platewatch recognize: --jobs needs a number");
    }

    @Test
    void jsonStringsAreEscaped() {
        assertThat(Json.string("a\"b\\c\nd\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001\"");
        assertThat(Json.string(null)).isEqualTo("null");
        assertThat(Json.number(0.12345, 3)).isEqualTo("0.123");
        assertThat(Json.number(Double.NaN, 3)).isEqualTo("null");
    }
}
