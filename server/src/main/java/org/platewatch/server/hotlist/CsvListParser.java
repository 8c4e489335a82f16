package org.platewatch.server.hotlist;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.platewatch.plate.PlateText;
import org.platewatch.plate.UsState;

/**
 * NCIC, DMV and other lists as CSV (RFC 4180: commas, double-quoted fields, "" for a quote) with a
 * header line and a {@link ColumnMapping}. Records of an immigration category are dropped and
 * counted; any other fault rejects the file, naming the line.
 */
final class CsvListParser {

    private CsvListParser() {}

    static ParsedList parse(byte[] content, ColumnMapping mapping, String defaultReason, ZoneId zone) {
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<Row> rows = rows(text);
        if (rows.isEmpty()) {
            throw new HotlistFileException(1, "the file is empty; expected a header line");
        }
        Map<String, Integer> header = new HashMap<>();
        List<String> names = rows.get(0).fields();
        for (int i = 0; i < names.size(); i++) {
            header.put(names.get(i).trim().toLowerCase(Locale.ROOT), i);
        }
        Integer plateColumn = header.get(mapping.headerFor("plate").toLowerCase(Locale.ROOT));
        if (plateColumn == null) {
            throw new HotlistFileException(1, "the header has no plate column '" + mapping.headerFor("plate") + "'");
        }
        List<ImportedRecord> records = new ArrayList<>();
        int dropped = 0;
        int total = 0;
        for (int r = 1; r < rows.size(); r++) {
            Row row = rows.get(r);
            if (row.fields().size() == 1 && row.fields().get(0).isBlank()) {
                continue;
            }
            total++;
            Fields f = new Fields(row, header, mapping);
            String listType = f.get("listType");
            String reason = f.get("reason");
            if (ImmigrationCategory.any(listType, reason)) {
                dropped++;
                continue;
            }
            records.add(record(f, row.line(), defaultReason, zone));
        }
        return new ParsedList(List.copyOf(records), total, dropped, null);
    }

    private static ImportedRecord record(Fields f, int line, String defaultReason, ZoneId zone) {
        String rawPlate = f.get("plate");
        String plate = PlateText.normalise(rawPlate);
        if (plate.isEmpty() || plate.length() > PlateText.MAX_LENGTH) {
            throw new HotlistFileException(
                    line, f.header("plate") + ": a plate has 1 to " + PlateText.MAX_LENGTH + " letters and digits");
        }
        String state = f.get("state");
        if (state != null) {
            state = state.trim().toUpperCase(Locale.ROOT);
            if (UsState.fromCode(state).isEmpty()) {
                // The message names the column, never the value: every member reads a list's last error.
                throw new HotlistFileException(line, f.header("state") + ": not a state code (two letters, e.g. CA)");
            }
        }
        String reason = f.get("reason");
        Instant expires = null;
        String expiry = f.get("expiry");
        if (expiry != null) {
            try {
                expires = expiry.length() > 10
                        ? Instant.parse(expiry)
                        : LocalDate.parse(expiry).plusDays(1).atStartOfDay(zone).toInstant();
            } catch (DateTimeParseException e) {
                throw new HotlistFileException(
                        line, f.header("expiry") + ": expected yyyy-MM-dd or an ISO-8601 instant");
            }
            int year = expires.atZone(ZoneOffset.UTC).getYear();
            if (year < 1900 || year > 9999) {
                throw new HotlistFileException(line, f.header("expiry") + ": the year must be between 1900 and 9999");
            }
        }
        return new ImportedRecord(
                plate,
                state,
                f.get("listType"),
                reason == null ? defaultReason : reason,
                f.get("make"),
                f.get("model"),
                f.get("color"),
                f.get("agency"),
                f.get("caseNumber"),
                null,
                null,
                expires);
    }

    private record Row(int line, List<String> fields) {}

    private record Fields(Row row, Map<String, Integer> header, ColumnMapping mapping) {
        String get(String field) {
            Integer column = header.get(mapping.headerFor(field).toLowerCase(Locale.ROOT));
            if (column == null || column >= row.fields().size()) {
                return null;
            }
            String v = row.fields().get(column).trim();
            if (v.chars().anyMatch(Character::isISOControl)) {
                // PostgreSQL refuses NUL in text; no list field has a reason to hold a control character.
                throw new HotlistFileException(row.line(), header(field) + ": control characters are not allowed");
            }
            return v.isEmpty() ? null : v;
        }

        String header(String field) {
            return "column " + mapping.headerFor(field);
        }
    }

    /** Splits RFC 4180 text into rows, remembering the line each row starts on. */
    private static List<Row> rows(String text) {
        List<Row> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int line = 1;
        int rowLine = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                fields.add(field.toString());
                field.setLength(0);
                rows.add(new Row(rowLine, List.copyOf(fields)));
                fields.clear();
                line++;
                rowLine = line;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new HotlistFileException(rowLine, "a quoted field is not closed");
        }
        if (field.length() > 0 || !fields.isEmpty()) {
            fields.add(field.toString());
            rows.add(new Row(rowLine, List.copyOf(fields)));
        }
        return rows;
    }
}
