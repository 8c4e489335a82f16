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
    void jsonStringsAreEscaped() {
        assertThat(Json.string("a\"b\\c\nd\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001\"");
        assertThat(Json.string(null)).isEqualTo("null");
        assertThat(Json.number(0.12345, 3)).isEqualTo("0.123");
        assertThat(Json.number(Double.NaN, 3)).isEqualTo("null");
    }
}
