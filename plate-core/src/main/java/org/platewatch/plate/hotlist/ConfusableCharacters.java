package org.platewatch.plate.hotlist;

/**
 * The characters plate recognition mixes up, as classes with one representative each:
 * 0/O/D/Q, 1/I/L, 8/B, 5/S, 2/Z, 6/G.
 *
 * <p>Two plates are confusable when they are equal after mapping every character to its class
 * representative (their canonical form). Public because searches for a plate want the same
 * classes as the matcher.
 */
public final class ConfusableCharacters {

    private static final String[] CLASSES = {"0ODQ", "1IL", "8B", "5S", "2Z", "6G"};

    // Indexed by char; 0 for anything that is not an upper-case letter or digit.
    private static final char[] CANONICAL = new char[128];

    static {
        for (char c = 'A'; c <= 'Z'; c++) {
            CANONICAL[c] = c;
        }
        for (char c = '0'; c <= '9'; c++) {
            CANONICAL[c] = c;
        }
        for (String members : CLASSES) {
            for (int i = 0; i < members.length(); i++) {
                CANONICAL[members.charAt(i)] = members.charAt(0);
            }
        }
    }

    private ConfusableCharacters() {}

    /** The class representative of a normalised plate character; other characters map to themselves. */
    public static char canonical(char c) {
        return c < 128 && CANONICAL[c] != 0 ? CANONICAL[c] : c;
    }

    /** The canonical form of normalised plate text, e.g. {@code 7BOS123} becomes {@code 7805123}. */
    public static String canonical(String normalisedPlate) {
        char[] out = new char[normalisedPlate.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = canonical(normalisedPlate.charAt(i));
        }
        return new String(out);
    }

    /** True when the two normalised plates differ only within confusable classes (or not at all). */
    public static boolean confusable(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            if (canonical(a.charAt(i)) != canonical(b.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
