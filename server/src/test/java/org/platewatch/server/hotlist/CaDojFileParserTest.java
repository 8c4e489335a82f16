package org.platewatch.server.hotlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class CaDojFileParserTest {

    private static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");

    private static ParsedList parse(String text) {
        return CaDojFileParser.parse(text.getBytes(StandardCharsets.ISO_8859_1), "Stolen vehicle (CA DOJ SVS)", ZONE);
    }

    @Test
    void readsTheFixedWidthColumnsAndTheHeaderDate() {
        ParsedList list =
                parse("DATE04/07/2026 11:00\n7ABC123 CA0120260401\nX1      NV  20251231\nTOTAL RECORDS 2\n\n");
        assertThat(list.asOf())
                .isEqualTo(ZonedDateTime.of(2026, 4, 7, 11, 0, 0, 0, ZONE).toInstant());
        assertThat(list.records()).hasSize(2);
        ImportedRecord first = list.records().get(0);
        assertThat(first.plate()).isEqualTo("7ABC123");
        assertThat(first.state()).isEqualTo("CA");
        assertThat(first.countyCode()).isEqualTo("01");
        assertThat(first.dateOfLoss()).hasToString("2026-04-01");
        assertThat(list.records().get(1).countyCode()).isNull();
    }

    @Test
    void namesTheLineOfEachFault() {
        assertThatThrownBy(() -> parse("HEADER\nTOTAL RECORD 0\n")).hasMessageContaining("line 1");
        assertThatThrownBy(() -> parse("DATE04/07/2026 11:00\n7ABC123 CA0120261301\nTOTAL RECORD 1\n"))
                .hasMessageContaining("line 2")
                .hasMessageContaining("date of loss");
        assertThatThrownBy(() -> parse("DATE04/07/2026 11:00\n7AB#123 CA0120260101\nTOTAL RECORD 1\n"))
                .hasMessageContaining("line 2")
                .hasMessageContaining("plate");
        assertThatThrownBy(() -> parse("DATE04/07/2026 11:00\n7ABC123 CA01\nTOTAL RECORD 1\n"))
                .hasMessageContaining("line 2")
                .hasMessageContaining("20 columns");
        assertThatThrownBy(() -> parse("DATE04/07/2026 11:00\n7ABC123 CA0120260101\nTOTAL RECORD 2\n"))
                .hasMessageContaining("line 3")
                .hasMessageContaining("trailer says 2");
        assertThatThrownBy(() -> parse("DATE04/07/2026 11:00\nTOTAL RECORD 0\n7ABC123 CA0120260101\n"))
                .hasMessageContaining("line 3")
                .hasMessageContaining("after the TOTAL RECORD");
    }

    @Test
    void immigrationWordsAreWholeWordsOnly() {
        assertThat(ImmigrationCategory.any("Immigration Violator File")).isTrue();
        assertThat(ImmigrationCategory.any("ICE detainer")).isTrue();
        assertThat(ImmigrationCategory.any("IVF")).isTrue();
        assertThat(ImmigrationCategory.any("POLICE BOLO", "Stolen vehicle", "SERVICE VAN", null))
                .isFalse();
    }
}
