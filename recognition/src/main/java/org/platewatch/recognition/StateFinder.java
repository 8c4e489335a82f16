package org.platewatch.recognition;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.platewatch.plate.PlateText;
import org.platewatch.plate.UsState;

/**
 * The issuing state, from what the plate itself prints: its name (usually above the
 * characters), a slogan or a web address (usually below). Only text that names a state counts;
 * the serial format is never used to guess, because many states share formats and a wrong
 * state is worse than none (a hit on the wrong state is shown as such, never as a plain hit).
 */
final class StateFinder {

    /** Slogans, addresses and other print that name one state (or territory) without its full name. */
    private static final Map<String, UsState> SLOGANS = Map.ofEntries(
            Map.entry("SUNSHINESTATE", UsState.FL),
            Map.entry("MYFLORIDA", UsState.FL),
            Map.entry("EMPIRESTATE", UsState.NY),
            Map.entry("LANDOFLINCOLN", UsState.IL),
            Map.entry("GARDENSTATE", UsState.NJ),
            Map.entry("FIRSTINFLIGHT", UsState.NC),
            Map.entry("FIRSTINFREEDOM", UsState.NC),
            Map.entry("GRANDCANYON", UsState.AZ),
            Map.entry("LONESTAR", UsState.TX),
            Map.entry("PEACHSTATE", UsState.GA),
            Map.entry("FAMOUSPOTATOES", UsState.ID),
            Map.entry("LIVEFREEORDIE", UsState.NH),
            Map.entry("GREENMOUNTAIN", UsState.VT),
            Map.entry("OCEANSTATE", UsState.RI),
            Map.entry("ALOHASTATE", UsState.HI),
            Map.entry("BIGSKY", UsState.MT),
            Map.entry("LANDOFENCHANTMENT", UsState.NM),
            Map.entry("WILDWONDERFUL", UsState.WV),
            Map.entry("TAXATIONWITHOUT", UsState.DC),
            Map.entry("SHOWMESTATE", UsState.MO),
            Map.entry("SPORTSMANSPARADISE", UsState.LA),
            Map.entry("AMERICASDAIRYLAND", UsState.WI),
            Map.entry("DAIRYLAND", UsState.WI),
            Map.entry("10000LAKES", UsState.MN),
            Map.entry("GREATFACES", UsState.SD),
            Map.entry("PUREMICHIGAN", UsState.MI),
            Map.entry("GREATLAKES", UsState.MI),
            Map.entry("VOLUNTEERSTATE", UsState.TN),
            Map.entry("THEFIRSTSTATE", UsState.DE),
            Map.entry("CROSSROADSOFAMERICA", UsState.IN),
            Map.entry("DMVCAGOV", UsState.CA),
            Map.entry("VACATIONLAND", UsState.ME),
            Map.entry("PEACEGARDEN", UsState.ND),
            Map.entry("CONSTITUTIONSTATE", UsState.CT),
            Map.entry("KEYSTONESTATE", UsState.PA),
            Map.entry("VISITPA", UsState.PA),
            Map.entry("WHEATSTATE", UsState.KS),
            Map.entry("MOUNTAINSTATE", UsState.WV),
            Map.entry("EVERGREENSTATE", UsState.WA),
            Map.entry("GREATESTSNOW", UsState.UT),
            Map.entry("LIFEELEVATED", UsState.UT),
            Map.entry("SILVERSTATE", UsState.NV),
            Map.entry("THELASTFRONTIER", UsState.AK),
            Map.entry("NORTHTOTHEFUTURE", UsState.AK),
            Map.entry("HEARTOFDIXIE", UsState.AL),
            Map.entry("SWEETHOMEALABAMA", UsState.AL),
            Map.entry("NATURALSTATE", UsState.AR),
            Map.entry("THEGOODLIFE", UsState.NE),
            Map.entry("CORNHUSKER", UsState.NE),
            Map.entry("NATIONSCAPITAL", UsState.DC),
            Map.entry("CELEBRATEDIVERSITY", UsState.DC),
            // Whole slogans that hold another state's shorter slogan (GARDENSTATE, MOUNTAINSTATE).
            Map.entry("PEACEGARDENSTATE", UsState.ND),
            Map.entry("GREENMOUNTAINSTATE", UsState.VT),
            // The District prints "Washington, D.C.": without this, WASHINGTON would name the state.
            Map.entry("WASHINGTONDC", UsState.DC),
            // Print that holds a state's name but is another place's.
            Map.entry("VIRGINISLANDS", UsState.VI),
            // Half a two-word name, when it belongs to one state only (the other half is often lost
            // to the small print or a frame).
            Map.entry("HAMPSHIRE", UsState.NH),
            Map.entry("JERSEY", UsState.NJ),
            // Illinois prints its name in script, whose "Ill" reads as "l" or "u".
            Map.entry("LINOIS", UsState.IL),
            Map.entry("UINOIS", UsState.IL));

    /**
     * Every name and slogan, longest first (then alphabetical): the most specific print a text
     * holds wins (WESTVIRGINIA over VIRGINIA, PEACEGARDENSTATE over GARDENSTATE), and no result
     * depends on a hash map's order.
     */
    private static final List<Map.Entry<String, UsState>> NAMES_AND_SLOGANS = namesAndSlogans();

    /**
     * Mississippi's name, in tall narrow capitals, reads with its runs of S and P merged
     * ("MISPPI", "MISSSPP", "MISYSSPP").
     */
    private static final Pattern MISSISSIPPI = Pattern.compile("MIS[SIY]{0,5}PP");

    private StateFinder() {}

    /**
     * The state named by any of the texts (raw OCR of the lines around a plate's characters),
     * or empty when none names one, or when they name different states.
     */
    static Optional<UsState> find(List<String> texts) {
        Set<UsState> named = EnumSet.noneOf(UsState.class);
        for (String text : texts) {
            fromText(text).ifPresent(named::add);
        }
        return named.size() == 1 ? Optional.of(named.iterator().next()) : Optional.empty();
    }

    /**
     * The state one text names, in this order: the longest name or slogan it holds exactly (or
     * the longer name around it, see {@link #withLongerNameAround}); Mississippi's merged
     * letters; else the nearest name or slogan by edit distance ({@link #nearest}).
     */
    static Optional<UsState> fromText(String raw) {
        String t = PlateText.normalise(raw);
        if (t.length() < 4) {
            return Optional.empty();
        }
        for (Map.Entry<String, UsState> e : NAMES_AND_SLOGANS) {
            if (t.contains(e.getKey())) {
                return withLongerNameAround(raw, e.getKey(), e.getValue());
            }
        }
        if (MISSISSIPPI.matcher(t).find()) {
            return Optional.of(UsState.MS);
        }
        return nearest(t);
    }

    /**
     * A name read exactly may be part of a longer one that lost a letter: "Akansas" holds KANSAS
     * but is Arkansas, "WASHINGTONOC" holds WASHINGTON but is the District's "Washington, D.C.".
     * Only letters in the same word count ("A KANSAS", "WASHINGTON DEC" are Kansas and
     * Washington). Within half the missing letters of the longer name, the word is that name;
     * nearer to it than the name alone but not that near, it names neither for sure.
     */
    private static Optional<UsState> withLongerNameAround(String raw, String name, UsState state) {
        String word = wordHolding(raw, name);
        if (word.length() > name.length()) {
            for (Map.Entry<String, UsState> e : NAMES_AND_SLOGANS) {
                String longer = e.getKey();
                // (A longer slogan of the same state, MYFLORIDA, could only confirm it.)
                if (e.getValue() == state || longer.length() <= name.length() || !longer.contains(name)) {
                    continue;
                }
                int missing = longer.length() - name.length();
                int d = Math.min(levenshtein(word, longer), bestWindowDistance(word, longer));
                if (d <= missing / 2) {
                    return Optional.of(e.getValue());
                }
                if (d < missing) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(state);
    }

    /** The run of letters in the raw text that holds the name (the name itself when it spans a break). */
    private static String wordHolding(String raw, String name) {
        for (String word : raw.toUpperCase(Locale.ROOT).split("[^A-Z]+")) {
            if (word.contains(name)) {
                return word;
            }
        }
        return name;
    }

    /**
     * OCR of small print slips a letter or two: the state whose name or slogan is nearest the
     * text, by edit distance relative to its length, within its {@link #tolerance} and with no
     * other state as near. Names of five letters or fewer (Iowa, Utah, Maine, Texas) are matched
     * only against a band that holds little more than the name: inside longer text, too many
     * words are one letter from them (MARINES, MAINE).
     */
    private static Optional<UsState> nearest(String t) {
        UsState best = null;
        double bestShare = Double.MAX_VALUE;
        boolean tie = false;
        for (Map.Entry<String, UsState> e : NAMES_AND_SLOGANS) {
            String name = e.getKey();
            if (name.length() <= 5 && t.length() > name.length() + 1) {
                continue;
            }
            int d = bestWindowDistance(t, name);
            if (d > tolerance(name)) {
                continue;
            }
            double share = d / (double) name.length();
            if (share < bestShare) {
                bestShare = share;
                best = e.getValue();
                tie = false;
            } else if (share == bestShare && e.getValue() != best) {
                tie = true;
            }
        }
        return tie ? Optional.empty() : Optional.ofNullable(best);
    }

    /** Edits allowed: one, two for 8 letters, a third of the letters from 9 (long names are printed in script). */
    private static int tolerance(String name) {
        return Math.max(1, name.length() / (name.length() >= 9 ? 3 : 4));
    }

    private static List<Map.Entry<String, UsState>> namesAndSlogans() {
        Map<String, UsState> all = new HashMap<>(SLOGANS);
        for (UsState s : UsState.values()) {
            if (s != UsState.US) {
                all.put(letters(s), s);
            }
        }
        List<Map.Entry<String, UsState>> sorted = new ArrayList<>(all.entrySet());
        sorted.sort(Comparator.comparingInt(
                        (Map.Entry<String, UsState> e) -> e.getKey().length())
                .reversed()
                .thenComparing(Map.Entry::getKey));
        return List.copyOf(sorted);
    }

    static String letters(UsState s) {
        return s.displayName().toUpperCase(Locale.ROOT).replaceAll("[^A-Z]", "");
    }

    /**
     * Edit distance between the name and the closest stretch of the text of about its length: the
     * name's length or one more, or one less for names of 8+ letters. A shorter stretch would let
     * a name match a word that merely shares most of its letters (MEXICO for NEW MEXICO); a text
     * shorter than the shortest stretch matches nothing ({@link Integer#MAX_VALUE}).
     */
    static int bestWindowDistance(String text, String name) {
        int shortest = name.length() >= 8 ? name.length() - 1 : name.length();
        int best = Integer.MAX_VALUE;
        for (int len = shortest; len <= Math.min(name.length() + 1, text.length()); len++) {
            for (int i = 0; i + len <= text.length(); i++) {
                best = Math.min(best, levenshtein(text.substring(i, i + len), name));
            }
        }
        return best;
    }

    static int levenshtein(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] tmp = prev;
            prev = cur;
            cur = tmp;
        }
        return prev[b.length()];
    }
}
