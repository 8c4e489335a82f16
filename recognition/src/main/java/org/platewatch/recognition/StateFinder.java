package org.platewatch.recognition;

import org.platewatch.plate.PlateText;
import org.platewatch.plate.UsState;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The issuing state, from what the plate itself prints: its name (usually above the
 * characters), a slogan or a web address (usually below). Only text that names a state counts;
 * the serial format is never used to guess, because many states share formats and a wrong
 * state is worse than none (a hit on the wrong state is shown as such, never as a plain hit).
 */
final class StateFinder {

    /** Slogans and addresses that name one state without its name. Longer, more specific first. */
    private static final Map<String, UsState> SLOGANS = Map.ofEntries(
            Map.entry("SUNSHINESTATE", UsState.FL), Map.entry("MYFLORIDA", UsState.FL),
            Map.entry("EMPIRESTATE", UsState.NY), Map.entry("LANDOFLINCOLN", UsState.IL),
            Map.entry("GARDENSTATE", UsState.NJ), Map.entry("FIRSTINFLIGHT", UsState.NC),
            Map.entry("FIRSTINFREEDOM", UsState.NC), Map.entry("GRANDCANYON", UsState.AZ),
            Map.entry("LONESTAR", UsState.TX), Map.entry("PEACHSTATE", UsState.GA),
            Map.entry("FAMOUSPOTATOES", UsState.ID), Map.entry("LIVEFREEORDIE", UsState.NH),
            Map.entry("GREENMOUNTAIN", UsState.VT), Map.entry("OCEANSTATE", UsState.RI),
            Map.entry("ALOHASTATE", UsState.HI), Map.entry("BIGSKY", UsState.MT),
            Map.entry("LANDOFENCHANTMENT", UsState.NM), Map.entry("WILDWONDERFUL", UsState.WV),
            Map.entry("TAXATIONWITHOUT", UsState.DC), Map.entry("SHOWMESTATE", UsState.MO),
            Map.entry("SPORTSMANSPARADISE", UsState.LA), Map.entry("AMERICASDAIRYLAND", UsState.WI),
            Map.entry("10000LAKES", UsState.MN), Map.entry("GREATFACES", UsState.SD),
            Map.entry("PUREMICHIGAN", UsState.MI), Map.entry("GREATLAKESSTATE", UsState.MI),
            Map.entry("VOLUNTEERSTATE", UsState.TN), Map.entry("THEFIRSTSTATE", UsState.DE),
            Map.entry("CROSSROADSOFAMERICA", UsState.IN), Map.entry("DMVCAGOV", UsState.CA),
            Map.entry("VACATIONLAND", UsState.ME), Map.entry("PEACEGARDEN", UsState.ND),
            Map.entry("CONSTITUTIONSTATE", UsState.CT), Map.entry("KEYSTONESTATE", UsState.PA),
            Map.entry("VISITPA", UsState.PA), Map.entry("WHEATSTATE", UsState.KS),
            Map.entry("MOUNTAINSTATE", UsState.WV), Map.entry("EVERGREENSTATE", UsState.WA),
            Map.entry("GREATESTSNOW", UsState.UT), Map.entry("LIFEELEVATED", UsState.UT),
            Map.entry("SILVERSTATE", UsState.NV), Map.entry("THELASTFRONTIER", UsState.AK),
            Map.entry("NORTHTOTHEFUTURE", UsState.AK), Map.entry("HEARTOFDIXIE", UsState.AL),
            Map.entry("SWEETHOMEALABAMA", UsState.AL), Map.entry("NATURALSTATE", UsState.AR),
            Map.entry("THEGOODLIFE", UsState.NE), Map.entry("CORNHUSKER", UsState.NE),
            Map.entry("NATIONSCAPITAL", UsState.DC), Map.entry("CELEBRATEDIVERSITY", UsState.DC),
            // The District prints "Washington, D.C.": without this, WASHINGTON would name the state.
            Map.entry("WASHINGTONDC", UsState.DC),
            // Half a two-word name, when it belongs to one state only (the other half is often lost
            // to the small print or a frame).
            Map.entry("HAMPSHIRE", UsState.NH), Map.entry("JERSEY", UsState.NJ),
            // Illinois prints its name in script, whose "Ill" reads as "l" or "u".
            Map.entry("LINOIS", UsState.IL), Map.entry("UINOIS", UsState.IL));

    /**
     * Mississippi's name, in tall narrow capitals, reads with its runs of S and P merged
     * ("MISPPI", "MISSSPP", "MISYSSPP"): MIS, a few letters, PP.
     */
    private static final java.util.regex.Pattern MISSISSIPPI = java.util.regex.Pattern.compile("MIS[A-Z]{0,5}PP");

    private StateFinder() {
    }

    /**
     * The state named by any of the texts (raw OCR of the lines around a plate's characters),
     * or empty when none names one, or when they name different states.
     */
    static Optional<UsState> find(List<String> texts) {
        UsState found = null;
        for (String text : texts) {
            Optional<UsState> s = fromText(text);
            if (s.isPresent()) {
                if (found != null && found != s.get()) {
                    return Optional.empty();
                }
                found = s.get();
            }
        }
        return Optional.ofNullable(found);
    }

    static Optional<UsState> fromText(String raw) {
        String t = PlateText.normalise(raw);
        if (t.length() < 4) {
            return Optional.empty();
        }
        for (Map.Entry<String, UsState> e : SLOGANS.entrySet()) {
            if (t.contains(e.getKey())) {
                return Optional.of(e.getValue());
            }
        }
        if (MISSISSIPPI.matcher(t).find()) {
            return Optional.of(UsState.MS);
        }
        // Longest names first, so that WESTVIRGINIA is not taken for VIRGINIA, ARKANSAS for KANSAS.
        List<UsState> byLength = new ArrayList<>(List.of(UsState.values()));
        byLength.sort(Comparator.comparingInt((UsState s) -> letters(s).length()).reversed());
        for (UsState s : byLength) {
            if (s != UsState.US && t.contains(letters(s))) {
                return withLongerNameAround(t, s);
            }
        }
        return nearest(t);
    }

    /**
     * A name read exactly may be part of a longer one that lost a letter: "AKANSAS" holds KANSAS
     * but is Arkansas, "WASHINGTONOC" holds WASHINGTON but is the District's "Washington, D.C.".
     * The longer name or slogan wins when the text is within half the missing letters of it;
     * nearer to it than the contained name alone, but not that near ("SEP VIRGINIA", a sticker's
     * month before the name), the text names neither for sure; otherwise the contained name
     * stands (a plain "KANSAS" stays Kansas).
     */
    private static Optional<UsState> withLongerNameAround(String t, UsState contained) {
        String name = letters(contained);
        for (Map.Entry<String, UsState> e : NAMES_AND_SLOGANS.entrySet()) {
            String longer = e.getKey();
            // (A longer slogan of the same state, MYFLORIDA, could only confirm it.)
            if (e.getValue() == contained || longer.length() <= name.length() || !longer.contains(name)) {
                continue;
            }
            int missing = longer.length() - name.length();
            int d = bestWindowDistance(t, longer);
            if (d <= missing / 2) {
                return Optional.of(e.getValue());
            }
            if (d < missing) {
                return Optional.empty();
            }
        }
        return Optional.of(contained);
    }

    /**
     * OCR of small print slips a letter or two: the state whose name or slogan is nearest the
     * text, by edit distance relative to its length, when it is within a quarter of its length
     * and no other state is as near. Four-letter names (Iowa, Ohio, Utah) are matched only in a
     * short text (a band that holds just the name, "CTAHC", "FLOWA") and with one slip: inside
     * longer text, too much is that close.
     */
    private static Optional<UsState> nearest(String t) {
        UsState best = null;
        double bestShare = Double.MAX_VALUE;
        boolean tie = false;
        for (Map.Entry<String, UsState> e : NAMES_AND_SLOGANS.entrySet()) {
            String name = e.getKey();
            int d;
            if (name.length() >= 5) {
                d = bestWindowDistance(t, name);
            } else if (t.length() <= SHORT_TEXT) {
                d = bestWindowDistance(t, name);
            } else {
                continue;
            }
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

    private static final int SHORT_TEXT = 7;

    /** Edits allowed: a quarter of the letters, a third for long names (script print like California's). */
    private static int tolerance(String name) {
        return Math.max(1, name.length() / (name.length() >= 9 ? 3 : 4));
    }

    private static final Map<String, UsState> NAMES_AND_SLOGANS = namesAndSlogans();

    private static Map<String, UsState> namesAndSlogans() {
        Map<String, UsState> all = new java.util.HashMap<>(SLOGANS);
        for (UsState s : UsState.values()) {
            if (s != UsState.US) {
                all.put(letters(s), s);
            }
        }
        return Map.copyOf(all);
    }

    static String letters(UsState s) {
        return s.displayName().toUpperCase(Locale.ROOT).replaceAll("[^A-Z]", "");
    }

    /** Edit distance between the name and the closest stretch of the text of about the same length. */
    static int bestWindowDistance(String text, String name) {
        int best = levenshtein(text, name);
        // A window a letter shorter than a short name lets it match any word that shares most of
        // its letters (MINE for MAINE); long names tolerate it.
        int shortest = name.length() >= 8 ? name.length() - 1 : name.length();
        for (int len = shortest; len <= name.length() + 1; len++) {
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
