package org.platewatch.server.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void aFieldWithASemicolonIsOneQuotedCellSoNoLocaleSplitsAFormulaOutOfIt() {
        assertThat(Csv.row("stolen;=HYPERLINK(\"x\")", "plain"))
                .isEqualTo("\"stolen;=HYPERLINK(\"\"x\"\")\",plain\r\n");
    }

    @Test
    void aFieldStartingLikeAFormulaIsDisarmedButANegativeNumberStaysANumber() {
        assertThat(Csv.field("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(Csv.field("-122.27")).isEqualTo("-122.27");
        assertThat(Csv.field("-1+1")).isEqualTo("'-1+1");
    }
}
