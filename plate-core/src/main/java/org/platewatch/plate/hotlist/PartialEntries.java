package org.platewatch.plate.hotlist;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.platewatch.plate.UsState;

/**
 * The partial (wildcard) entries of an index. Custom BOLOs are few (tens, not thousands), so a
 * scan beats a trie; the scan is narrowed by plate length, which a pattern without {@code *}
 * fixes and a pattern with one bounds from below.
 */
final class PartialEntries {

    private static final HotlistEntry[] NONE = new HotlistEntry[0];

    // fixedByLength[n]: patterns without '*' that match only plates of n characters.
    private final HotlistEntry[][] fixedByLength;
    private final HotlistEntry[] starred;
    private final int[] starredMinLength;

    PartialEntries(List<HotlistEntry> partials) {
        List<List<HotlistEntry>> fixed = new ArrayList<>();
        List<HotlistEntry> stars = new ArrayList<>();
        for (HotlistEntry e : partials) {
            String pattern = e.platePattern();
            if (pattern.indexOf('*') >= 0) {
                stars.add(e);
                continue;
            }
            while (fixed.size() <= pattern.length()) {
                fixed.add(new ArrayList<>());
            }
            fixed.get(pattern.length()).add(e);
        }
        fixedByLength = fixed.stream().map(l -> l.toArray(NONE)).toArray(HotlistEntry[][]::new);
        starred = stars.toArray(NONE);
        starredMinLength = Arrays.stream(starred).mapToInt(e -> PlatePattern.minLength(e.platePattern())).toArray();
    }

    /** Adds a PARTIAL match per matching entry; creates the list only when something matches. */
    List<HotlistMatch> addMatches(List<HotlistMatch> found, String plate, UsState readState) {
        int length = plate.length();
        if (length < fixedByLength.length) {
            for (HotlistEntry e : fixedByLength[length]) {
                found = addIfMatches(found, e, plate, readState);
            }
        }
        for (int i = 0; i < starred.length; i++) {
            if (length >= starredMinLength[i]) {
                found = addIfMatches(found, starred[i], plate, readState);
            }
        }
        return found;
    }

    private static List<HotlistMatch> addIfMatches(List<HotlistMatch> found, HotlistEntry e, String plate,
            UsState readState) {
        if (!PlatePattern.matches(e.platePattern(), plate)) {
            return found;
        }
        List<HotlistMatch> out = found == null ? new ArrayList<>(2) : found;
        out.add(new HotlistMatch(e, MatchKind.PARTIAL, StateAgreement.of(e.state(), readState)));
        return out;
    }
}
