package org.platewatch.plate.hotlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.platewatch.plate.PlatePattern;
import org.platewatch.plate.UsState;

/**
 * Checks the index's hash table, fingerprints and partial-pattern buckets against the plainest
 * possible matcher (compare the read with every entry), on random entries and reads drawn from a
 * small alphabet so that exact, confusable and partial matches are all common.
 */
class HotlistIndexReferenceTest {

    private static final String ALPHABET = "0OD18B5S2Z6GAX";
    private static final UsState[] STATES = {UsState.CA, UsState.NV, null};

    @Test
    void agreesWithMatchingEveryEntryOneByOne() {
        Random random = new Random(7);
        List<HotlistEntry> entries = new ArrayList<>();
        for (int id = 1; id <= 3000; id++) {
            entries.add(
                    new HotlistEntry(id, "svs", text(random, 3 + random.nextInt(3)), STATES[random.nextInt(3)], "x"));
        }
        for (int id = 3001; id <= 3060; id++) {
            String pattern = text(random, 3) + (random.nextBoolean() ? "?" : "*") + text(random, random.nextInt(2));
            entries.add(new HotlistEntry(id, "custom", pattern, STATES[random.nextInt(3)], "x"));
        }
        HotlistIndex index = HotlistIndex.build(entries);

        int matched = 0;
        for (int i = 0; i < 20_000; i++) {
            String read = text(random, 3 + random.nextInt(4));
            UsState state = STATES[random.nextInt(3)];
            List<HotlistMatch> actual = index.match(read, state);
            assertThat(actual).as("read %s %s", read, state).containsExactlyElementsOf(reference(entries, read, state));
            matched += actual.isEmpty() ? 0 : 1;
        }
        assertThat(matched)
                .as("the test must exercise matches, not only misses")
                .isGreaterThan(2000);
    }

    private static List<HotlistMatch> reference(List<HotlistEntry> entries, String read, UsState state) {
        List<HotlistMatch> out = new ArrayList<>();
        for (HotlistEntry e : entries) {
            StateAgreement agreement = StateAgreement.of(e.state(), state);
            if (e.isPartial()) {
                if (PlatePattern.matches(e.platePattern(), read)) {
                    out.add(new HotlistMatch(e, MatchKind.PARTIAL, agreement));
                }
            } else if (e.platePattern().equals(read)) {
                out.add(HotlistMatch.sameText(e, agreement));
            } else if (ConfusableCharacters.confusable(e.platePattern(), read)) {
                out.add(new HotlistMatch(e, MatchKind.CONFUSABLE, agreement));
            }
        }
        out.sort(Comparator.comparing(HotlistMatch::kind)
                .thenComparingLong(m -> m.entry().id()));
        return out;
    }

    private static String text(Random random, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return new String(out);
    }

    @Test
    void globMatchesLikeARegularExpression() {
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            String pattern = PlatePattern.normalise(randomPattern(random));
            String plate = text(random, random.nextInt(7));
            String regex = pattern.replace("?", ".").replace("*", ".*");
            assertThat(PlatePattern.matches(pattern, plate))
                    .as("%s vs %s", pattern, plate)
                    .isEqualTo(plate.matches(regex));
        }
    }

    private static String randomPattern(Random random) {
        StringBuilder out = new StringBuilder();
        for (int i = random.nextInt(6); i >= 0; i--) {
            int roll = random.nextInt(6);
            out.append(roll == 0 ? '*' : roll == 1 ? '?' : ALPHABET.charAt(random.nextInt(4)));
        }
        return out.toString();
    }
}
