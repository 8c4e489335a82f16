package org.platewatch.server.hotlist;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.platewatch.plate.PlateText;
import org.platewatch.plate.UsState;

/**
 * The California DOJ stolen-vehicle extracts ({@code svs.tbl}, {@code sfr.tbl}, {@code slr.tbl}):
 *
 * <pre>
 * DATE04/07/2026 11:00                     header: extract date and time, department's zone
 * 7ABC123 CA0120260401                     cols 1-8 plate (space padded), 9-10 state, 11-12 county, 13-20 date of loss
 * TOTAL RECORDS 000001                     trailer: the record count, which must agree
 * </pre>
 *
 * Any fault rejects the whole file, naming the line: a partial stolen-vehicle list is worse than
 * yesterday's complete one.
 */
final class CaDojFileParser {

    private static final DateTimeFormatter HEADER_DATE =
            DateTimeFormatter.ofPattern("MM/dd/uuuu HH:mm").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter LOSS_DATE =
            DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern TRAILER_COUNT = Pattern.compile("(\\d+)");
    private static final int PLATE_WIDTH = 8;

    private CaDojFileParser() {}

    /**
     * @param reason the reason every record of this file carries, e.g. "Stolen vehicle (CA DOJ SVS)"
     * @param zone   the zone the header's date is written in
     */
    static ParsedList parse(byte[] content, String reason, ZoneId zone) {
        List<String> lines = lines(content);
        if (lines.isEmpty()) {
            throw new HotlistFileException(1, "the file is empty; expected a header line DATEmm/dd/yyyy hh:mm");
        }
        java.time.Instant asOf = header(lines.get(0), zone);
        List<ImportedRecord> records = new ArrayList<>();
        int trailerLine = -1;
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            int number = i + 1;
            if (trailerLine > 0) {
                if (!line.isBlank()) {
                    throw new HotlistFileException(number, "text after the TOTAL RECORD trailer");
                }
                continue;
            }
            if (line.startsWith("TOTAL RECORD")) {
                trailerLine = number;
                checkCount(line, number, records.size());
                continue;
            }
            records.add(record(line, number, reason));
        }
        if (trailerLine < 0) {
            throw new HotlistFileException(
                    lines.size(), "the TOTAL RECORD trailer is missing; the file may be cut short");
        }
        return new ParsedList(List.copyOf(records), records.size(), 0, asOf);
    }

    private static java.time.Instant header(String line, ZoneId zone) {
        if (!line.startsWith("DATE")) {
            throw new HotlistFileException(1, "the header must start with DATE followed by mm/dd/yyyy hh:mm");
        }
        try {
            return LocalDateTime.parse(line.substring(4).trim(), HEADER_DATE)
                    .atZone(zone)
                    .toInstant();
        } catch (DateTimeParseException e) {
            throw new HotlistFileException(1, "the header date is not mm/dd/yyyy hh:mm");
        }
    }

    private static void checkCount(String line, int number, int counted) {
        Matcher m = TRAILER_COUNT.matcher(line.substring("TOTAL RECORD".length()));
        if (!m.find()) {
            throw new HotlistFileException(number, "the TOTAL RECORD trailer holds no count");
        }
        long stated;
        try {
            stated = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw new HotlistFileException(number, "the TOTAL RECORD count is not a number");
        }
        if (stated != counted) {
            throw new HotlistFileException(
                    number, "the trailer says " + stated + " records but the file holds " + counted);
        }
    }

    private static ImportedRecord record(String line, int number, String reason) {
        if (line.length() < 20) {
            throw new HotlistFileException(
                    number,
                    "a record has 20 columns (plate, state, county, date of loss); " + "this line has "
                            + line.length());
        }
        String rawPlate = line.substring(0, PLATE_WIDTH).trim();
        String plate = PlateText.normalise(rawPlate);
        if (plate.isEmpty() || !plate.equals(rawPlate.toUpperCase(java.util.Locale.ROOT))) {
            throw new HotlistFileException(number, "columns 1-8: the plate must be letters and digits");
        }
        String stateCode = line.substring(8, 10);
        if (UsState.fromCode(stateCode).isEmpty()) {
            throw new HotlistFileException(number, "columns 9-10: not a state code");
        }
        String county = line.substring(10, 12);
        if (!county.isBlank() && !county.chars().allMatch(Character::isDigit)) {
            throw new HotlistFileException(number, "columns 11-12: the county code must be two digits");
        }
        LocalDate loss;
        try {
            loss = LocalDate.parse(line.substring(12, 20), LOSS_DATE);
        } catch (DateTimeParseException e) {
            throw new HotlistFileException(number, "columns 13-20: the date of loss is not yyyyMMdd");
        }
        if (!line.substring(20).isBlank()) {
            throw new HotlistFileException(number, "text after column 20");
        }
        return new ImportedRecord(
                plate,
                stateCode,
                null,
                reason,
                null,
                null,
                null,
                "CA DOJ",
                null,
                county.isBlank() ? null : county,
                loss,
                null);
    }

    private static List<String> lines(byte[] content) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(new ByteArrayInputStream(content), StandardCharsets.ISO_8859_1))) {
            return reader.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
