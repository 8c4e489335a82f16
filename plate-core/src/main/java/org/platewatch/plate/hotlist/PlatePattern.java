package org.platewatch.plate.hotlist;

/**
 * Plate patterns as hot-list entries hold them: normalised plate characters, plus for partial
 * (custom BOLO) entries {@code ?} for one unknown character and {@code *} for any run.
 */
final class PlatePattern {

    private PlatePattern() {}

    /** Upper-cases, keeps letters, digits, {@code ?} and {@code *}, and folds {@code **} to {@code *}. */
    static String normalise(String raw) {
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

    static boolean hasWildcard(String pattern) {
        return pattern.indexOf('?') >= 0 || pattern.indexOf('*') >= 0;
    }

    static int literalCount(String pattern) {
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
    static int minLength(String pattern) {
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
    static boolean matches(String pattern, String plate) {
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
}
