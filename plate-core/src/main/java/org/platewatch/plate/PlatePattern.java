package org.platewatch.plate;

/**
 * Plate patterns as hot-list entries hold them: normalised plate characters, plus for partial
 * (custom BOLO) entries {@code ?} for one unknown character and {@code *} for any run. A detection search
 * takes the same patterns, so a witness's partial plate reads the same in a BOLO entry and in a search.
 */
public final class PlatePattern {

    private PlatePattern() {}

    /** Upper-cases, keeps letters, digits, {@code ?} and {@code *}, and folds {@code **} to {@code *}. */
    public static String normalise(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= 'a' && c <= 'z') {
                out.append((char) (c - 'a' + 'A'));
            } else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '?') {
                out.append(c);
            } else if (c == '*' && (out.length() == 0 || out.charAt(out.length() - 1) != '*')) {
                out.append(c);
            }
        }
        return out.toString();
    }

    public static boolean hasWildcard(String pattern) {
        return pattern.indexOf('?') >= 0 || pattern.indexOf('*') >= 0;
    }

    public static int literalCount(String pattern) {
        int n = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c != '?' && c != '*') {
                n++;
            }
        }
        return n;
    }

    /** The fewest characters a plate needs to match: everything but the stars. */
    public static int minLength(String pattern) {
        int stars = 0;
        for (int i = 0; i < pattern.length(); i++) {
            if (pattern.charAt(i) == '*') {
                stars++;
            }
        }
        return pattern.length() - stars;
    }

    /**
     * Glob match of a whole plate. Greedy with one backtrack point (the last star), which is
     * linear enough for plate lengths and allocates nothing.
     */
    public static boolean matches(String pattern, String plate) {
        int p = 0;
        int t = 0;
        int starP = -1;
        int starT = 0;
        while (t < plate.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == plate.charAt(t))) {
                p++;
                t++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                starP = p++;
                starT = t;
            } else if (starP >= 0) {
                p = starP + 1;
                t = ++starT;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    /**
     * The pattern as a SQL {@code LIKE} pattern: {@code ?} becomes {@code _}, {@code *} becomes {@code %}. A
     * normalised pattern holds only letters, digits and the two wildcards, so nothing needs escaping.
     */
    public static String toSqlLike(String normalisedPattern) {
        return normalisedPattern.replace('?', '_').replace('*', '%');
    }
}
