package org.platewatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.platewatch.server.CommandOptions.UsageException;

/** The launcher's {@code audit} subcommand: usage and bad input, which need no database. */
class PlatewatchCliAuditTest {

    @Test
    void helpDescribesVerify() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status =
                PlatewatchCli.run(List.of("audit", "--help"), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(status).isZero();
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .contains("audit verify [--data-dir DIR]")
                .contains("audit chain intact: N records, head HASH")
                .contains("audit anchor [--data-dir DIR]");
    }

    @Test
    void badInputIsAOneLineUsageError() {
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> PlatewatchCli.run(List.of("audit"), out))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("audit verify");
        assertThatThrownBy(() -> PlatewatchCli.run(List.of("audit", "check"), out))
                .isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> PlatewatchCli.run(List.of("audit", "verify", "--fast"), out))
                .isInstanceOf(UsageException.class)
                .hasMessage("unknown option --fast");
        assertThatThrownBy(() -> PlatewatchCli.run(List.of("audit", "anchor", "--now"), out))
                .isInstanceOf(UsageException.class)
                .hasMessage("unknown option --now");
    }

    /** A mistyped data directory must not become a fresh, empty database whose chain "is intact". */
    @Test
    void aDataDirectoryWithoutADatabaseIsRefusedAndLeftAsItWas(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        java.nio.file.Path typo = dir.resolve("dta");
        for (String sub : List.of("verify", "anchor")) {
            assertThatThrownBy(() -> PlatewatchCli.run(List.of("audit", sub, "--data-dir", typo.toString()), out))
                    .isInstanceOf(UsageException.class)
                    .hasMessageContaining("no Platewatch database in " + typo.toAbsolutePath());
        }
        org.assertj.core.api.Assertions.assertThat(typo).doesNotExist();
    }
}
