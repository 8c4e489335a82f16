package org.platewatch.plate.hotlist;

import java.util.ArrayList;
import java.util.List;
import org.platewatch.plate.PlatePattern;
import org.platewatch.plate.UsState;

/**
 * The partial (wildcard) entries of an index. Custom BOLOs are few (tens, perhaps hundreds), so
 * they are scanned rather than compiled into a trie, but the scan is kept off most patterns:
 *
 * <ul>
 *   <li>each pattern is filed under one character it requires (whichever bucket is emptiest),
 *       and a read visits only the buckets of characters it contains, so a 7-character read
 *       looks at roughly a fifth of the patterns;
 *   <li>a pattern is glob-matched only when the read's length fits (a pattern fixes it, or
 *       with {@code *} bounds it from below) and the read holds every character the pattern
 *       requires (a 36-bit mask test).
 * </ul>
 */
final class PartialEntries {

    private static final int SYMBOLS = 36;

    // Bit per letter or digit; a table rather than if/else because read characters are random
    // and the branches would mispredict on every read.
    private static final long[] CHAR_BIT = new long[128];

    static {
        for (char c = 'A'; c <= 'Z'; c++) {
            CHAR_BIT[c] = 1L << (c - 'A');
        }
        for (char c = '0'; c <= '9'; c++) {
            CHAR_BIT[c] = 1L << (26 + c - '0');
        }
    }

    // Patterns in bucket order: bucket b holds entries[bucketStart[b] .. bucketStart[b + 1]).
    private final HotlistEntry[] entries;
    private final int[] bucketStart = new int[SYMBOLS + 1];
    private final long[] required;
    private final int[] minLength;
    private final int[] maxLength;
    // Bit b set when bucket b is not empty, so a read skips its other characters at once.
    private final long usedBuckets;

    PartialEntries(List<HotlistEntry> partials) {
        List<List<HotlistEntry>> buckets = new ArrayList<>(SYMBOLS);
        for (int b = 0; b < SYMBOLS; b++) {
            buckets.add(new ArrayList<>());
        }
        for (HotlistEntry e : partials) {
            buckets.get(emptiestRequiredBucket(charMask(e.platePattern()), buckets))
                    .add(e);
        }
        entries = buckets.stream().flatMap(List::stream).toArray(HotlistEntry[]::new);
        long used = 0;
        for (int b = 0; b < SYMBOLS; b++) {
            bucketStart[b + 1] = bucketStart[b] + buckets.get(b).size();
            used |= buckets.get(b).isEmpty() ? 0 : 1L << b;
        }
        usedBuckets = used;
        required = new long[entries.length];
        minLength = new int[entries.length];
        maxLength = new int[entries.length];
        for (int i = 0; i < entries.length; i++) {
            String pattern = entries[i].platePattern();
            required[i] = charMask(pattern);
            minLength[i] = PlatePattern.minLength(pattern);
            maxLength[i] = pattern.indexOf('*') >= 0 ? Integer.MAX_VALUE : pattern.length();
        }
    }

    private static int emptiestRequiredBucket(long required, List<List<HotlistEntry>> buckets) {
        int best = -1;
        for (long bits = required; bits != 0; bits &= bits - 1) {
            int b = Long.numberOfTrailingZeros(bits);
            if (best < 0 || buckets.get(b).size() < buckets.get(best).size()) {
                best = b;
            }
        }
        return best; // HotlistEntry guarantees every partial pattern has literal characters
    }

    /** One bit per letter or digit present; wildcards set none. Text is normalised, so all chars are < 128. */
    private static long charMask(String text) {
        long mask = 0;
        for (int i = 0; i < text.length(); i++) {
            mask |= CHAR_BIT[text.charAt(i) & 127];
        }
        return mask;
    }

    /** Adds a PARTIAL match per matching entry; creates the list only when something matches. */
    List<HotlistMatch> addMatches(List<HotlistMatch> found, String plate, UsState readState) {
        if (usedBuckets == 0) {
            return found;
        }
        long present = charMask(plate);
        int length = plate.length();
        for (long bits = present & usedBuckets; bits != 0; bits &= bits - 1) {
            int b = Long.numberOfTrailingZeros(bits);
            for (int i = bucketStart[b], end = bucketStart[b + 1]; i < end; i++) {
                if ((present & required[i]) == required[i]
                        && length >= minLength[i]
                        && length <= maxLength[i]
                        && PlatePattern.matches(entries[i].platePattern(), plate)) {
                    if (found == null) {
                        found = new ArrayList<>(2);
                    }
                    HotlistEntry e = entries[i];
                    found.add(new HotlistMatch(e, MatchKind.PARTIAL, StateAgreement.of(e.state(), readState)));
                }
            }
        }
        return found;
    }
}
