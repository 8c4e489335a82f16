package org.platewatch.recognition.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/platewatch recognize} with a command line over 8 KB, in a JVM of its own started the
 * way the launcher starts it ({@code java -cp target/classes:<classpath.txt> RecognitionCli
 * recognize PATH...}). ONNX Runtime 1.29.0 killed such a JVM with a segmentation fault while it
 * initialised (it reads /proc/self/cmdline; past about 4 KB it crashed), before any line was
 * printed: 70 photos by absolute path were enough. The launcher's own JVM is the only place this
 * shows: a test inside the surefire JVM has a short command line.
 */
class RecognizeLongCommandLineTest {

    private static final int PHOTOS = 110;

    @Test
    void aCommandLineOverEightKilobytesPrintsOneLinePerPhoto(@TempDir Path dir) throws Exception {
        // Blank photos read quickly (no plate in them); one real photo last proves the models ran.
        Path blank = dir.resolve("blank.png");
        ImageIO.write(new BufferedImage(96, 48, BufferedImage.TYPE_INT_RGB), "png", blank.toFile());
        Path folder = Files.createDirectories(
                dir.resolve("camera-17-northbound-lane-2").resolve("2026-12-01"));
        List<String> photos = new ArrayList<>();
        for (int i = 0; i < PHOTOS; i++) {
            Path copy = folder.resolve(String.format("frame-%03d-from-the-long-command-line-test.png", i));
            Files.copy(blank, copy);
            photos.add(copy.toAbsolutePath().toString());
        }
        photos.add(RecognitionCliTest.usPhotos()
                .resolve("car6.jpg")
                .toAbsolutePath()
                .toString());

        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                launcherClassPath(),
                RecognitionCli.class.getName(),
                "recognize",
                "--top",
                "1"));
        command.addAll(photos);
        int commandLineBytes =
                command.stream().mapToInt(a -> a.getBytes(UTF_8).length + 1).sum();
        assertThat(commandLineBytes).as("the child's /proc/self/cmdline").isGreaterThan(8 * 1024);

        Path stdout = dir.resolve("stdout.txt");
        Path stderr = dir.resolve("stderr.txt");
        Process child = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        if (!child.waitFor(150, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            throw new AssertionError("recognize did not finish in 150 s");
        }

        String errors = Files.readString(stderr);
        assertThat(child.exitValue())
                .as("exit status (139 is the segmentation fault); stderr: %s", errors)
                .isZero();
        List<String> lines = Files.readAllLines(stdout);
        assertThat(lines).hasSize(photos.size());
        for (int i = 0; i < photos.size(); i++) {
            assertThat(lines.get(i)).startsWith("{\"image\": \"" + photos.get(i) + "\"");
        }
        assertThat(lines.get(photos.size() - 1)).contains("\"plate\": \"AKS4329\"");
    }

    /** What bin/platewatch puts after -cp for recognize: the module's classes and its runtime class path. */
    private static String launcherClassPath() throws IOException {
        Path module = Path.of("").toAbsolutePath();
        String dependencies =
                Files.readString(module.resolve("target/classpath.txt")).trim();
        return module.resolve("target/classes") + ":" + dependencies;
    }
}
