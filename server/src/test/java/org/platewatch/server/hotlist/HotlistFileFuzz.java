package org.platewatch.server.hotlist;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.platewatch.server.support.Fuzz;

/**
 * Valid CA DOJ and CSV list files, and their mutants, for the parser and import fuzz tests. A file
 * remembers its plates, so that a test can check no error message quotes one.
 */
final class HotlistFileFuzz {

    /** The department zone of the test profile (Oakland), in which the extract header is written. */
    static final java.time.ZoneId ZONE = java.time.ZoneId.of("America/Los_Angeles");

    private static final List<String> STATES = List.of("CA", "NV", "OR", "AZ", "WA", "TX");
    private static final List<String> ODD_LINES = List.of(
            "",
            " ",
            "TOTAL RECORDS",
            "TOTAL RECORD 99999999999999999999",
            "DATE04/07/2026 11:00",
            "\u0000\u0000\u0000",
            "7ABC123 CA0120261399",
            "7ABC123 CA01",
            "ÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿ",
            "\"unclosed,quote",
            "a,b,c,d,e,f,g,h,i,j,k,l",
            "plate,state",
            ",,,,,,",
            "\uFEFFplate");

    private HotlistFileFuzz() {}

    record ListFile(byte[] content, List<String> plates, ColumnMapping mapping) {
        @Override
        public String toString() {
            return "mapping " + mapping.columns() + "\n" + Fuzz.describe(content);
        }
    }

    /** A valid fixed-width extract of 0 to 6 records, dated at some time of the last year. */
    static String dojSeed(Fuzz f, List<String> plates) {
        String eol = f.chance(0.5) ? "\r\n" : "\n";
        LocalDateTime asOf = LocalDateTime.now(ZONE).minusMinutes(f.between(0, 525_600));
        StringBuilder s = new StringBuilder("DATE")
                .append(asOf.format(DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm")))
                .append(eol);
        int count = f.between(0, 6);
        for (int i = 0; i < count; i++) {
            String plate = f.alnum(5, 8);
            plates.add(plate);
            String county = f.chance(0.2) ? "  " : String.format("%02d", f.between(1, 58));
            LocalDate loss = LocalDate.now(ZONE).minusDays(f.between(0, 3000));
            s.append(String.format(
                            "%-8s%s%s%s",
                            plate, f.oneOf(STATES), county, loss.format(DateTimeFormatter.BASIC_ISO_DATE)))
                    .append(eol);
        }
        s.append(f.chance(0.5) ? "TOTAL RECORDS " : "TOTAL RECORD ")
                .append(String.format("%06d", count))
                .append(eol);
        return s.toString();
    }

    static ListFile doj(Fuzz f) {
        List<String> plates = new ArrayList<>();
        byte[] content = mutateLines(f, dojSeed(f, plates)).getBytes(StandardCharsets.ISO_8859_1);
        if (f.chance(0.4)) {
            content = f.mutateBytes(content);
        }
        return new ListFile(content, plates, ColumnMapping.identity());
    }

    /** A mapping that renames some fields' columns (odd Unicode included), and a valid file for it. */
    static ListFile csv(Fuzz f) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (String field : ColumnMapping.FIELDS) {
            if (f.chance(0.3)) {
                columns.put(
                        field,
                        f.oneOf(List.of(
                                        "LIC",
                                        "LIS",
                                        "Plate Number",
                                        "ÉTAT",
                                        "\u202eRTL",
                                        "İD",
                                        "x",
                                        field.toUpperCase(java.util.Locale.ROOT),
                                        "ＬＩＣ"))
                                + (f.chance(0.3) ? f.between(1, 9) : ""));
            }
        }
        ColumnMapping mapping = new ColumnMapping(columns);
        List<String> fields = new ArrayList<>(List.of(
                "plate", "state", "listType", "reason", "make", "model", "color", "agency", "caseNumber", "expiry"));
        java.util.Collections.shuffle(fields, f.random());
        fields = new ArrayList<>(fields.subList(0, f.between(1, fields.size())));
        if (!fields.contains("plate")) {
            fields.add(0, "plate");
        }
        String eol = f.chance(0.5) ? "\r\n" : "\n";
        StringBuilder s = new StringBuilder(f.chance(0.1) ? "\uFEFF" : "");
        s.append(String.join(
                        ",",
                        fields.stream()
                                .map(field -> quote(f, mapping.headerFor(field)))
                                .toList()))
                .append(eol);
        List<String> plates = new ArrayList<>();
        for (int i = f.between(0, 6); i > 0; i--) {
            List<String> values = new ArrayList<>();
            for (String field : fields) {
                values.add(quote(f, value(f, field, plates)));
            }
            s.append(String.join(",", values)).append(eol);
        }
        byte[] content = mutateLines(f, s.toString()).getBytes(StandardCharsets.UTF_8);
        if (f.chance(0.4)) {
            content = f.mutateBytes(content);
        }
        return new ListFile(content, plates, mapping);
    }

    private static String value(Fuzz f, String field, List<String> plates) {
        return switch (field) {
            case "plate" -> {
                String plate = f.alnum(5, 8);
                plates.add(plate);
                yield f.chance(0.2) ? plate.substring(0, 3) + "-" + plate.substring(3) : plate;
            }
            case "state" -> f.chance(0.2) ? "" : f.oneOf(STATES).toLowerCase(java.util.Locale.ROOT);
            case "listType" -> f.oneOf(List.of("Stolen Vehicle", "Wanted Person", "Missing Person", "BOLO"));
            case "expiry" ->
                f.chance(0.5)
                        ? LocalDate.now(ZONE).plusDays(f.between(1, 400)).toString()
                        : java.time.Instant.now()
                                .plusSeconds(f.between(60, 9_000_000))
                                .toString();
            case "reason" -> f.oneOf(List.of("Felony, armed", "Stolen \"hot\" car", "Amber alert\nsee case"));
            default -> f.alnum(0, 12);
        };
    }

    /** RFC 4180 quoting where needed, and sometimes where not. */
    private static String quote(Fuzz f, String value) {
        boolean needs = value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r");
        return needs || f.chance(0.1) ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    /** Whole lines dropped, repeated, swapped or replaced by odd ones; sometimes none. */
    private static String mutateLines(Fuzz f, String text) {
        if (f.chance(0.15)) {
            return text;
        }
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        for (int n = f.between(1, 2); n > 0 && !lines.isEmpty(); n--) {
            int i = f.random().nextInt(lines.size());
            switch (f.random().nextInt(5)) {
                case 0 -> lines.remove(i);
                case 1 -> lines.add(i, lines.get(i));
                case 2 -> lines.set(i, f.oneOf(ODD_LINES));
                case 3 -> lines.set(i, lines.get(i) + f.oddString());
                default -> {
                    String moved = lines.remove(i);
                    lines.add(f.random().nextInt(lines.size() + 1), moved);
                }
            }
        }
        return String.join("\n", lines);
    }
}
