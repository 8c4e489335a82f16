package org.platewatch.server.hotlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.platewatch.plate.PlateText;
import org.platewatch.plate.UsState;
import org.platewatch.server.support.Fuzz;

/**
 * Fuzzing the list parsers directly (no server): a file either parses into valid records or is
 * refused with a {@link HotlistFileException} that names a line of the file and never quotes it;
 * no other exception escapes. In memory a try costs microseconds, so 3,000 tries a format take
 * about a second.
 */
class HotlistParserFuzzTest {

    private static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");

    @Test
    void aCaDojFileParsesIntoValidRecordsOrNamesTheFaultyLine() {
        Fuzz.forAll(
                "CA DOJ parser",
                3000,
                HotlistFileFuzz::doj,
                file -> check(file, () -> CaDojFileParser.parse(file.content(), "Stolen vehicle (CA DOJ SVS)", ZONE)));
    }

    @Test
    void aCsvListParsesIntoValidRecordsOrNamesTheFaultyLine() {
        Fuzz.forAll(
                "CSV parser",
                3000,
                HotlistFileFuzz::csv,
                file -> check(file, () -> CsvListParser.parse(file.content(), file.mapping(), "NCIC hit", ZONE)));
    }

    private static void check(HotlistFileFuzz.ListFile file, java.util.function.Supplier<ParsedList> parse) {
        ParsedList parsed;
        try {
            parsed = parse.get();
        } catch (HotlistFileException e) {
            long lines = new String(file.content(), java.nio.charset.StandardCharsets.ISO_8859_1)
                    .lines()
                    .count();
            assertThat(e.line()).as(e.getMessage()).isBetween(0, (int) lines + 1);
            for (String plate :
                    file.plates().stream().filter(p -> p.matches(".*[A-Z].*")).toList()) {
                assertThat(e.getMessage())
                        .as("the message quotes no plate of the file")
                        .doesNotContain(plate);
            }
            return;
        }
        assertThat(parsed.records()).hasSizeLessThanOrEqualTo(parsed.recordsInFile());
        for (ImportedRecord r : parsed.records()) {
            assertThat(r.plate()).matches("[A-Z0-9]{1," + PlateText.MAX_LENGTH + "}");
            if (r.state() != null) {
                assertThat(UsState.fromCode(r.state())).as(r.state()).isPresent();
            }
            assertThat(r.reason()).isNotBlank();
        }
    }
}
