package org.platewatch.server.platform;

/**
 * RFC 4180 rows. A field with a comma, quote or line break is quoted, with quotes doubled. A field
 * that a spreadsheet would run as a formula (starting with {@code = + - @}, tab or carriage return)
 * gets a leading apostrophe, so an exported search term cannot become a formula (OWASP, CSV injection).
 */
public final class Csv {

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
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
