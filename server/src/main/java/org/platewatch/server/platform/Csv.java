package org.platewatch.server.platform;

import java.util.regex.Pattern;

/**
 * RFC 4180 rows. A field with a comma, quote or line break is quoted, with quotes doubled; so is one with a
 * semicolon, which a spreadsheet set to a European locale splits on, and would then run the part after it as a
 * formula if it starts like one ({@code a;=cmd}). A field
 * that a spreadsheet would run as a formula (starting with {@code = + - @}, tab or carriage return)
 * gets a leading apostrophe, so an exported search term cannot become a formula (OWASP, CSV injection). A plain
 * decimal number is left as it is: a longitude west of Greenwich starts with a minus, and a spreadsheet must read it
 * as the number it is, not as the text {@code '-122.27}.
 */
public final class Csv {

    private static final Pattern PLAIN_NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    private Csv() {}

    public static String row(String... fields) {
        StringBuilder out = new StringBuilder(128);
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(field(fields[i]));
        }
        return out.append("\r\n").toString();
    }

    public static String field(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String v = value;
        char first = v.charAt(0);
        if ((first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r')
                && !PLAIN_NUMBER.matcher(v).matches()) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0
                || v.indexOf(';') >= 0
                || v.indexOf('"') >= 0
                || v.indexOf('\n') >= 0
                || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
