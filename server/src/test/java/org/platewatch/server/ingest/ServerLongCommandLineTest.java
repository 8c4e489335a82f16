package org.platewatch.server.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.platewatch.server.support.TestDatabase;

/**
 * The server in a JVM whose command line is over 8 KB (a long class path, as a department's own
 * start script gives it, plus long options) reads a photo. ONNX Runtime 1.29.0 killed such a JVM
 * (SIGSEGV, exit 139) when the recognition models loaded, which the server does on the first
 * photo: the server would have started and then died on its first camera's photo.
 */
class ServerLongCommandLineTest {

    @TempDir
    Path dataDir;

    @Test
    void aServerWithALongCommandLineReadsAPhoto() throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Sure to pass 8 KB even if the test class path were short.
                "-Dplatewatch.test.padding=" + "x".repeat(8 * 1024),
                "-cp",
                System.getProperty("java.class.path"),
                LongCommandLineServerProcess.class.getName(),
                PhotoUploadApiTest.PHOTO.toAbsolutePath().toString()));
        // The test suite's PostgreSQL, a fresh clone of the migrated template: no initdb in the child.
        TestDatabase db = TestDatabase.get();
        command.addAll(List.of(
                "--server.port=0",
                "--platewatch.db.url=" + db.newDatabase(),
                "--platewatch.db.user=" + db.superUser(),
                "--platewatch.db.password=" + (db.superPassword() == null ? "" : db.superPassword()),
                "--platewatch.db.app-user=" + TestDatabase.APP_ROLE,
                "--platewatch.db.app-password=platewatch",
                "--platewatch.db.pool-size=3",
                "--platewatch.data-dir=" + dataDir,
                "--logging.file.name=" + dataDir.resolve("server.log")));
        int commandLineBytes =
                command.stream().mapToInt(a -> a.getBytes(UTF_8).length + 1).sum();
        assertThat(commandLineBytes).as("the child's /proc/self/cmdline").isGreaterThan(8 * 1024);

        Path output = dataDir.resolve("child-output.txt");
        Process child = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        boolean ended = child.waitFor(240, TimeUnit.SECONDS);
        if (!ended) {
            child.destroyForcibly().waitFor();
        }

        List<String> lines = Files.readAllLines(output);
        String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        assertThat(ended)
                .as("the server read the photo within 240 s; output ends:%n%s", tail)
                .isTrue();
        assertThat(child.exitValue())
                .as("exit status (139 is the segmentation fault); output ends:%n%s", tail)
                .isZero();
        assertThat(lines).contains("READ 200 SL7C6S");
    }
}
