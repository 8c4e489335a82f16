package org.platewatch.plate;

import java.util.Locale;

/**
 * The canonical form of plate characters: upper case letters and digits only.
 *
 * <p>Cameras, hot lists and people write the same plate as {@code 7abc 123}, {@code 7ABC-123}
 * or {@code 7ABC123}; every comparison in Platewatch happens on this one form.
 */
public final class PlateText {

    /** The longest plate any US state or Canadian province issues, with room for vanity plates. */
    public static final int MAX_LENGTH = 10;

    private PlateText() {}

    /** Upper-cases and drops spaces, dashes, dots and any other non-alphanumeric character. */
    public static String normalise(String raw) {
        if (raw == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= 'a' && c <= 'z') {
                out.append((char) (c - 'a' + 'A'));
            } else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** True when the text, once normalised, is a plausible plate: 1 to {@link #MAX_LENGTH} characters. */
    public static boolean isPlausible(String raw) {
        String n = normalise(raw);
        return !n.isEmpty() && n.length() <= MAX_LENGTH;
    }

    /** Lower-case ISO-style region code for a US state, e.g. {@code us-ca}. */
    public static String regionCode(String stateCode) {
        return "us-" + stateCode.toLowerCase(Locale.ROOT);
    }
}
