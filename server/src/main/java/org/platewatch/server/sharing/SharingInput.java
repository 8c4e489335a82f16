package org.platewatch.server.sharing;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import org.platewatch.server.platform.ProblemException;

/** The checks every sharing form and body shares; each refusal names the field (400 problem+json). */
final class SharingInput {

    private static final Pattern STATE = Pattern.compile("[A-Z]{2}");

    private SharingInput() {}

    /** The text, stripped; refuses a missing, blank or overlong value and control characters but line breaks. */
    static String text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalid(field, "is required");
        }
        return optionalText(field, value, max);
    }

    /** As {@link #text}, but null when missing or blank. */
    static String optionalText(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.length() > max) {
            throw ProblemException.invalid(field, "must be at most " + max + " characters");
        }
        if (v.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            throw ProblemException.invalid(field, "must not hold control characters");
        }
        return v;
    }

    static String state(String field, String value) {
        String v = text(field, value, 2).toUpperCase(Locale.ROOT);
        if (!STATE.matcher(v).matches()) {
            throw ProblemException.invalid(field, "must be a two-letter state code such as CA");
        }
        return v;
    }

    static <E extends Enum<E>> E oneOf(String field, String value, Class<E> type) {
        String v = text(field, value, 40).toUpperCase(Locale.ROOT).replace('-', '_');
        try {
            return Enum.valueOf(type, v);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(field, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    static LocalDate date(String field, String value) {
        String v = text(field, value, 10);
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "must be a date such as 2026-01-31");
        }
    }

    static LocalDate optionalDate(String field, String value) {
        return value == null || value.isBlank() ? null : date(field, value);
    }

    static boolean flag(Boolean value) {
        return Boolean.TRUE.equals(value);
    }
}
