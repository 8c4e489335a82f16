package org.platewatch.plate.hotlist;

import org.platewatch.plate.PlateText;

/**
 * Packs the canonical (confusable-folded) form of a plate into one {@code long}, so the index
 * can look a read up without building a String or touching the read's hash code.
 *
 * <p>Each character becomes a 6-bit code from 1 to 36 (0 is kept free so that plates of
 * different lengths never share a key); ten characters take 60 bits, so every plate of up to
 * {@link PlateText#MAX_LENGTH} characters has its own positive key. Shift-and-or rather than
 * multiply-by-37 keeps the per-character dependency chain short: measured, it matters.
 */
final class PlateKey {

    /** The text contains a character that normalisation would drop or change. */
    static final long NOT_NORMALISED = -1;
    /** Normalised but longer than any literal entry can be. */
    static final long TOO_LONG = -2;
    /** The empty plate; no entry has it. */
    static final long EMPTY = 0;

    private static final int BITS_PER_CHAR = 6;
    private static final byte[] DIGIT = new byte[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            DIGIT[c] = (byte) (1 + ConfusableCharacters.canonical(c) - '0');
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            char rep = ConfusableCharacters.canonical(c);
            DIGIT[c] = (byte) (rep <= '9' ? 1 + rep - '0' : 11 + rep - 'A');
        }
    }

    private PlateKey() {}

    /** The canonical key of {@code plate}, or one of the negative codes above. */
    @SuppressWarnings("ShortCircuitBoolean") // the non-short-circuit | below is on purpose: no branch per case
    static long canonical(String plate) {
        int length = plate.length();
        long key = 0;
        for (int i = 0; i < length; i++) {
            char c = plate.charAt(i);
            int digit = DIGIT[c & 127];
            // One test for both ways a character can be out of place: no branch per case.
            if ((digit == 0) | (c > 127)) {
                return NOT_NORMALISED;
            }
            key = (key << BITS_PER_CHAR) | digit;
        }
        // Checked after the loop so that an over-long but un-normalised read is still normalised.
        return length > PlateText.MAX_LENGTH ? TOO_LONG : key;
    }
}
