package org.platewatch.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.platewatch.plate.UsState;
import org.platewatch.plate.hotlist.HotlistEntry;

/**
 * A synthetic but realistic hot list and stream of reads, the same for every benchmark that
 * asks with the same seed, so the index and its baseline see identical data.
 *
 * <p>Reads are mostly misses, as on the road: about 1 % are listed plates (some in the wrong
 * state or with no state) and about 0.5 % are listed plates with one confusable character.
 */
final class HotlistWorkload {

    static final long SEED = 20261128L;

    private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String ALNUM = LETTERS + "0123456789";
    // Pairs of characters recognition confuses, used to corrupt a listed plate.
    private static final String[] CONFUSIONS = {
        "0O", "O0", "D0", "1I", "I1", "L1", "8B", "B8", "5S", "S5", "2Z", "Z2", "6G", "G6"
    };
    private static final UsState[] NEIGHBOURS = {
        UsState.NV, UsState.OR, UsState.AZ, UsState.WA, UsState.TX, UsState.NY, UsState.FL, UsState.UT
    };

    final List<HotlistEntry> entries;
    final String[] reads;
    final UsState[] readStates;

    private HotlistWorkload(List<HotlistEntry> entries, String[] reads, UsState[] readStates) {
        this.entries = entries;
        this.reads = reads;
        this.readStates = readStates;
    }

    /**
     * @param literalEntries how many listed plates (distinct texts)
     * @param partialEntries how many custom BOLO patterns with {@code ?} or {@code *}
     * @param readCount      size of the read pool; a power of two so a mask can cycle it
     */
    static HotlistWorkload generate(int literalEntries, int partialEntries, int readCount) {
        Random random = new Random(SEED);
        Set<String> plates = new HashSet<>(literalEntries * 2);
        List<HotlistEntry> entries = new ArrayList<>(literalEntries + partialEntries);
        String[] listCodes = {"svs", "sfr", "slr", "ncic"};
        while (entries.size() < literalEntries) {
            String plate = plate(random);
            if (plates.add(plate)) {
                UsState state = random.nextInt(50) == 0 ? null : state(random);
                entries.add(new HotlistEntry(
                        entries.size() + 1,
                        listCodes[random.nextInt(listCodes.length)],
                        plate,
                        state,
                        "stolen vehicle"));
            }
        }
        for (int i = 0; i < partialEntries; i++) {
            String plate = plate(random);
            while (plate.length() < 6) {
                plate = plate(random);
            }
            String pattern =
                    i % 2 == 0 ? plate.substring(0, 3) + "?" + plate.substring(4) : "*" + plate.substring(1, 4) + "*";
            entries.add(new HotlistEntry(entries.size() + 1, "custom", pattern, null, "BOLO"));
        }
        String[] reads = new String[readCount];
        UsState[] readStates = new UsState[readCount];
        for (int i = 0; i < readCount; i++) {
            int roll = random.nextInt(1000);
            HotlistEntry listed = entries.get(random.nextInt(literalEntries));
            if (roll < 10) {
                // A fresh String, as a decoded upload would be: no shared instance, no cached hash.
                reads[i] = new String(listed.platePattern().toCharArray());
                readStates[i] = roll < 8 ? stateOr(listed.state(), random) : roll < 9 ? NEIGHBOURS[0] : null;
            } else if (roll < 15) {
                reads[i] = confuse(listed.platePattern(), random);
                readStates[i] = stateOr(listed.state(), random);
            } else {
                reads[i] = plate(random);
                readStates[i] = random.nextInt(20) == 0 ? null : state(random);
            }
        }
        return new HotlistWorkload(List.copyOf(entries), reads, readStates);
    }

    private static UsState stateOr(UsState state, Random random) {
        return state != null ? state : state(random);
    }

    private static UsState state(Random random) {
        return random.nextInt(10) < 7 ? UsState.CA : NEIGHBOURS[random.nextInt(NEIGHBOURS.length)];
    }

    /** Formats seen on West Coast roads: CA 9ABC123, ABC1234, 123ABC, mixed 6, vanity. */
    private static String plate(Random random) {
        int format = random.nextInt(100);
        if (format < 55) {
            return "" + digit(random) + letters(random, 3) + digits(random, 3);
        } else if (format < 80) {
            return letters(random, 3) + digits(random, 4);
        } else if (format < 90) {
            return digits(random, 3) + letters(random, 3);
        } else if (format < 96) {
            return pick(random, ALNUM, 6);
        }
        return letters(random, 2 + random.nextInt(6));
    }

    private static String confuse(String plate, Random random) {
        for (int attempt = 0; attempt < 20; attempt++) {
            String pair = CONFUSIONS[random.nextInt(CONFUSIONS.length)];
            int at = plate.indexOf(pair.charAt(0));
            if (at >= 0) {
                return plate.substring(0, at) + pair.charAt(1) + plate.substring(at + 1);
            }
        }
        return plate(random);
    }

    private static char digit(Random random) {
        return (char) ('0' + random.nextInt(10));
    }

    private static String digits(Random random, int n) {
        return pick(random, "0123456789", n);
    }

    private static String letters(Random random, int n) {
        return pick(random, LETTERS, n);
    }

    private static String pick(Random random, String alphabet, int n) {
        char[] out = new char[n];
        for (int i = 0; i < n; i++) {
            out[i] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return new String(out);
    }
}
