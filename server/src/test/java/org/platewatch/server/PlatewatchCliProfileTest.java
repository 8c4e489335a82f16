package org.platewatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.platewatch.server.policy.ProfileFileException;

/** {@code serve --profile FILE.yml} reads the file before anything starts, and refuses a bad one in one line. */
class PlatewatchCliProfileTest {

    @TempDir
    Path dir;

    @Test
    void aBadProfileFileIsRefusedBeforeTheServerStarts() throws Exception {
        Path bad = dir.resolve("berkeley.yml");
        Files.writeString(
                bad,
                Files.readString(Path.of("../docs/profiles/example.yml"))
                        .replace("saleForbidden: true", "saleForbidden: false"));
        PrintStream out = new PrintStream(new ByteArrayOutputStream());
        assertThatThrownBy(() -> PlatewatchCli.run(List.of("serve", "--profile", bad.toString()), out))
                .isInstanceOf(ProfileFileException.class)
                .hasMessageStartingWith("profile file " + bad.toAbsolutePath() + ": sharing: Civil Code")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> PlatewatchCli.run(
                        List.of("serve", "--profile", dir.resolve("none.yaml").toString()), out))
                .isInstanceOf(ProfileFileException.class)
                .hasMessageEndingWith("no such file");
    }

    @Test
    void aProfileNameThatIsNotShippedIsRefusedInOneLineBeforeTheServerStarts() {
        // it used to start the web server and die inside it, with a 231-line stack trace
        PrintStream out = new PrintStream(new ByteArrayOutputStream());
        assertThatThrownBy(() -> PlatewatchCli.run(List.of("serve", "--profile", "berkeley"), out))
                .isInstanceOf(CommandOptions.UsageException.class)
                .hasMessage("option --profile: no shipped profile 'berkeley' (shipped: alameda, emeryville, hayward,"
                        + " oakland, piedmont, richmond, san-leandro, vallejo, sb274), and not a .yml or .yaml file");
    }

    @Test
    void serveHelpNamesTheProfileFile() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertThat(PlatewatchCli.run(List.of("serve", "--help"), new PrintStream(bytes)))
                .isZero();
        assertThat(bytes.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("--profile NAME|FILE.yml")
                .contains("sb274");
    }
}
