package org.platewatch.recognition.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench-recognition DIR --baseline openalpr}, against a stand-in {@code alpr} that speaks
 * the real one's protocol (file names on stdin, one JSON line each), so the comparison is tested
 * without building OpenALPR.
 */
class OpenAlprBaselineTest {

    /** What alpr -j prints for a photo (shortened): two cars, the second read more surely. */
    static final String TWO_CARS = "{\"version\":2,\"data_type\":\"alpr_results\",\"epoch_time\":1,"
            + "\"img_width\":1024,\"img_height\":768,\"processing_time_ms\":42.5,\"regions_of_interest\":[],"
            + "\"results\":[{\"plate\":\"8ABC12\",\"confidence\":71.2,\"matches_template\":0,\"plate_index\":0,"
            + "\"region\":\"\",\"region_confidence\":0,\"processing_time_ms\":9.1,\"requested_topn\":10,"
            + "\"coordinates\":[],\"candidates\":[{\"plate\":\"8ABC12\",\"confidence\":71.2,\"matches_template\":0}]},"
            + "{\"plate\":\"AKS4329\",\"confidence\":88.0,\"matches_template\":0,\"plate_index\":1,"
            + "\"candidates\":[{\"plate\":\"AKS4329\",\"confidence\":88.0,\"matches_template\":0},"
            + "{\"plate\":\"AKS432\",\"confidence\":80.5,\"matches_template\":0}]}]}";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @AfterEach
    void forgetThePrefix() {
        System.clearProperty("platewatch.openalpr");
    }

    private int run(String... args) {
        return TrainingCli.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void theBestPlateIsTheMostConfidentOfAllResultsAndTheEngineTimeIsThePhotosOwn() {
        assertThat(OpenAlprBaseline.bestPlate(TWO_CARS)).isEqualTo("AKS4329");
        assertThat(OpenAlprBaseline.engineMs(TWO_CARS)).isEqualTo(42.5);
        assertThat(OpenAlprBaseline.bestPlate("{\"processing_time_ms\":3.0,\"results\":[]}"))
                .isEmpty();
    }

    @Test
    void aMissingEngineOrAnotherBaselineIsAOneLineErrorWithStatusTwo(@TempDir Path dir) {
        System.setProperty("platewatch.openalpr", dir.resolve("nowhere").toString());
        assertThat(run("bench-recognition", TrainingCliTest.usPhotos().toString(), "--baseline", "openalpr"))
                .isEqualTo(2);
        assertThat(run("bench-recognition", TrainingCliTest.usPhotos().toString(), "--baseline", "tesseract"))
                .isEqualTo(2);
        assertThat(run("bench-recognition", TrainingCliTest.usPhotos().toString(), "--baseline-country", "USA"))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).lines())
                .satisfiesExactly(
                        l -> assertThat(l).contains("nowhere/bin/alpr").contains("build.sh"),
                        l -> assertThat(l).contains("--baseline takes openalpr"),
                        l -> assertThat(l).contains("--baseline-country needs a two-letter code"));
        assertThat(out.toString(StandardCharsets.UTF_8))
                .as("nothing was benchmarked")
                .isEmpty();
    }

    @Test
    void bothEnginesAreScoredOnTheSamePhotosSideBySide(@TempDir Path dir) throws IOException {
        Path photos = Files.createDirectory(dir.resolve("photos"));
        for (String name : new String[] {"a", "b"}) {
            Files.copy(TrainingCliTest.usPhotos().resolve("car6.jpg"), photos.resolve(name + ".jpg"));
            Files.writeString(photos.resolve(name + ".txt"), name + ".jpg\t1\t1\t1\t1\tAKS4329\n");
        }
        Path prefix = dir.resolve("alpr");
        Path alpr = Files.createDirectories(prefix.resolve("bin")).resolve("alpr");
        Path seen = dir.resolve("seen.txt");
        // Records its arguments and every name it is given; answers each with the two cars above.
        Files.writeString(
                alpr,
                "#!/bin/sh\necho \"$@\" > " + seen + "\nwhile read -r f; do echo \"$f\" >> " + seen + "; echo '"
                        + TWO_CARS + "'; done\n");
        Files.setPosixFilePermissions(alpr, PosixFilePermissions.fromString("rwxr-xr-x"));
        System.setProperty("platewatch.openalpr", prefix.toString());

        int status = run("bench-recognition", photos.toString(), "--baseline", "openalpr");

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(printed)
                .contains("top-1 100.0 % (2/2)")
                .contains("baseline OpenALPR (alpr -c us")
                .containsPattern("engine only: median 43")
                .containsPattern("top-1 %\\s+100\\.0\\s+100\\.0\\s+1\\.00")
                .containsPattern("median ms per image\\s+\\d+\\s+\\d+\\s+(\\d+\\.\\d\\d|-)")
                .contains("median CPU ms per image");
        assertThat(Files.readAllLines(seen))
                .containsExactly(
                        "--config " + prefix.resolve("etc/openalpr/openalpr.conf") + " -c us -j -n 10 stdin",
                        photos.resolve("a.jpg").toAbsolutePath().toString(),
                        photos.resolve("a.jpg").toAbsolutePath().toString(),
                        photos.resolve("b.jpg").toAbsolutePath().toString());
    }
}
