package org.platewatch.recognition;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.platewatch.plate.UsState;

/**
 * What US plates look like, used twice: to tell a plate's character line from other text (state
 * names, slogans, dealer frames, camera time stamps), and to settle characters that the reader
 * confuses (O/0, I/1, B/8, S/5, Z/2, G/6) by their position in a known serial format.
 *
 * <p>Format knowledge only overrides the reader where the reader itself leaves room: a swap costs
 * the ratio of the two characters' probabilities, and matching a format is worth at most
 * {@link #FORMAT_BONUS}, so a confidently read vanity plate is never "corrected".
 */
final class PlateSyntax {

    /**
     * Serial layouts in common use on US passenger, commercial and temporary plates
     * (L letter, D digit), e.g. California 1ABC234, New York/Texas/Pennsylvania ABC1234,
     * Maryland 1AB2345, Missouri AB1C2D, Massachusetts 12AB34 and 123AB4, Idaho's county
     * prefixes 1A12345, many states ABC123 or 123ABC; and, found on five or more labelled
     * {@code us-crops/} plates each, New Jersey ABC12D, Texas AB1C234, Florida and Utah A123BC,
     * Alabama's county prefixes 1A2345B, and 12345A. A layout missing here is not only a lost
     * bonus: a plate of that layout is open to being "corrected" into a listed one.
     */
    static final List<String> FORMATS = List.of(
            "DLLLDDD", "LLLDDDD", "DLLDDDD", "LLDDDDD", "DDDLLLL", "LDDDDDD", "DDDDDDD", "DDDDDLD", "DDDDDLL",
            "DLDDDDD", "LLLDDD", "DDDLLL", "LLDDDD", "DDDDLL", "DLLDDD", "DLLLDD", "LLDLDL", "LDDDDD", "DDDDDD",
            "DDLLLD", "DDLLDD", "DDDLLD", "DLDDDD", "LLLDDL", "LLDLDDD", "LDDDLL", "DLDDDDL", "DDDDDL", "LLDDD",
            "DDDLL", "LLLDD", "DDLLL", "LDDDD", "DDDDL", "DDDDD", "DLDDD");

    /**
     * How much likelier a reading that fits a serial format is taken to be than one that fits
     * none. Measured: 50 helped Missouri-style plates on us/ by one or two reads but cost 3 points
     * on the 751 us-crops/ (vanity plates "corrected" into serials); 8 was best on both together.
     */
    static final double FORMAT_BONUS = 8;
    /**
     * Probability assumed for a look-alike when the reader gave it almost none. With the bonus
     * above this never suffices alone (0.03 x 8 < 1): a swap needs some support from the reader.
     */
    private static final double LOOKALIKE_FLOOR = 0.03;
    /**
     * Probability assumed for 1, 0 or 2 where a layout needs a digit and the reader read I, O or
     * Z. Plate fonts draw these letters almost as the digits (a bare stroke, a ring, a flat-based
     * 2), and many states leave I and O out of their serials, while the reader, trained on
     * documents, is sure of the letter. With the bonus this settles such a character by the
     * layout alone (0.2 x 8 > 1); only in that direction: a digit read where a letter fits is
     * left to the reader ({@code 96381A} stays, though {@code 9638IA} would fit a layout).
     * Measured on us/: +2 (MJ3R1V, R820503); us-crops/: +1, none lost.
     */
    private static final double DIGIT_SHAPED_LETTER_FLOOR = 0.2;

    private static final String DIGIT_SHAPED_LETTERS = "IOZ";
    private static final String THEIR_DIGITS = "102";
    /**
     * Characters that plate fonts, blur and the reader confuse. Besides the classic pairs, L/4
     * (California's open-topped 4 at low resolution) and B/5 were seen read both ways on us/.
     */
    private static final String[] LOOKALIKES = {"O0DQ", "I1L", "B8", "S5", "Z2", "G6", "A4", "T7", "L4", "B5"};

    /**
     * Serial formats of a department's own state, which most plates it reads carry. Matching one
     * is worth {@link #HOME_BONUS} times more than matching another state's format, the way
     * OpenALPR's per-region patterns work. California: 1ABC234 (passenger, since 1980) and
     * 1A23456 (commercial).
     */
    static final Map<String, Set<String>> HOME_FORMATS = Map.of("ca", Set.of("DLLLDDD", "DLDDDDD"));

    static final double HOME_BONUS = 3;
    /**
     * Probability assumed for a look-alike digit where a home-state layout needs a digit and the
     * reader read a letter: the reader confuses the home state's own font systematically
     * (California's open-topped 4 read as L with 0.02 left for the 4), so the department's
     * plates get the benefit of the doubt. Measured on us/: +1 (4GLS168); on us-crops/ none lost
     * once Alabama's 1A2345B was listed as a layout (without it, four Alabama plates became
     * California commercial plates).
     */
    private static final double HOME_LOOKALIKE_FLOOR = 0.1;

    private static final Set<String> NOT_PLATES = notPlates();

    private PlateSyntax() {}

    static boolean matchesFormat(String plate) {
        return FORMATS.stream().anyMatch(f -> fits(plate, f));
    }

    static boolean fits(String plate, String format) {
        if (plate.length() != format.length()) {
            return false;
        }
        for (int i = 0; i < plate.length(); i++) {
            char c = plate.charAt(i);
            if (format.charAt(i) == 'D' ? !PlateSymbols.isDigit(c) : !PlateSymbols.isLetter(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * How much the text looks like a plate's serial, 0..1: zero for text no plate carries (too
     * long, a state name or slogan), lower for plain words and very short strings.
     */
    static double plausibility(String plate) {
        int n = plate.length();
        if (n < 2 || n > 8 || isStateOrSlogan(plate) || isSticker(plate)) {
            return 0;
        }
        boolean digits = plate.chars().anyMatch(c -> PlateSymbols.isDigit((char) c));
        boolean letters = plate.chars().anyMatch(c -> PlateSymbols.isLetter((char) c));
        double lengthPrior = n >= 5 && n <= 7 ? 1 : n == 8 || n == 4 ? 0.5 : 0.25;
        // Serials mix letters and digits; in street scenes a bare number is more often a time
        // stamp, phone number or sticker, a bare word a sign. Measured: 0.6 for bare numbers lost
        // about 1 point on us/ and us-crops/ against 0.25-0.4.
        double mix = digits && letters ? 1 : 0.3;
        double format = matchesFormat(plate) ? 1 : 0.7;
        return lengthPrior * mix * format;
    }

    /**
     * Registration stickers print a month and a year ({@code AUG98}, {@code JUL 2014}); plates
     * never start with a month name followed by nothing but a year.
     */
    static boolean isSticker(String plate) {
        return STICKER.matcher(plate).matches();
    }

    private static final java.util.regex.Pattern STICKER =
            java.util.regex.Pattern.compile("(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|SEPT|OCT|NOV|DEC)(\\d{2}|\\d{4})?");

    /** True for state names (also slightly misread ones), and the slogans and words printed on plates and frames. */
    static boolean isStateOrSlogan(String text) {
        String t = text.toUpperCase(Locale.ROOT).replaceAll("[^A-Z]", "");
        if (t.length() < 4) {
            return false;
        }
        if (t.length() >= 6 && StateFinder.fromText(t).isPresent()) {
            return true;
        }
        for (String word : NOT_PLATES) {
            if (t.contains(word) || (word.contains(t) && t.length() >= 5)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The most likely reading once serial formats are taken into account: for each format of
     * the read's length, the best characters of the required kinds, scored by the reader's
     * probabilities; the plain reading competes without the format bonus.
     */
    static Resolved resolve(LineRead read) {
        return resolve(read, Set.of());
    }

    /** As {@link #resolve(LineRead)}, with the home state's formats (see {@link #HOME_FORMATS}) preferred. */
    static Resolved resolve(LineRead read, Set<String> homeFormats) {
        String plain = read.plate();
        int[] all = new int[plain.length()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        double plainScore = logScore(read, all, plain, false);
        Resolved best =
                new Resolved(plain, confidences(read, all, plain), plainScore + formatBonus(plain, homeFormats));
        best = bestFormatted(read, all, 0, homeFormats, best);
        if (plain.length() >= 7 && !matchesFormat(plain)) {
            // Emblems, bolts and frame edges are read as an extra character (Missouri's state
            // outline sits between its character groups); dropping one is allowed if what remains
            // fits a format, at the cost of the dropped character's own confidence.
            for (int drop = 0; drop < plain.length(); drop++) {
                int[] kept = new int[plain.length() - 1];
                for (int i = 0, k = 0; i < plain.length(); i++) {
                    if (i != drop) {
                        kept[k++] = i;
                    }
                }
                double p = read.confidenceAt(drop);
                best = bestFormatted(
                        read, kept, Math.log(Math.max(1e-3, 1 - p)) + Math.log(DROP_PENALTY), homeFormats, best);
            }
        }
        return best;
    }

    /** The extra price of dropping a character, over its own confidence. */
    private static final double DROP_PENALTY = 0.5;

    /** Log of the bonus a text earns for fitting a serial format, more for a home-state one. */
    private static double formatBonus(String text, Set<String> homeFormats) {
        for (String home : homeFormats) {
            if (fits(text, home)) {
                return Math.log(FORMAT_BONUS * HOME_BONUS);
            }
        }
        return matchesFormat(text) ? Math.log(FORMAT_BONUS) : 0;
    }

    private static Resolved bestFormatted(
            LineRead read, int[] positions, double penalty, Set<String> homeFormats, Resolved best) {
        for (String format : allFormats(homeFormats)) {
            if (format.length() != positions.length) {
                continue;
            }
            boolean home = homeFormats.contains(format);
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < positions.length; i++) {
                int pos = positions[i];
                s.append(bestOfKind(read.charProbs()[pos], read.plate().charAt(pos), format.charAt(i) == 'D', home));
            }
            String candidate = s.toString();
            double score = logScore(read, positions, candidate, home) + formatBonus(candidate, homeFormats) + penalty;
            if (score > best.score() + 1e-9) {
                best = new Resolved(candidate, confidences(read, positions, candidate), score);
            }
        }
        return best;
    }

    /** The formats tried: the list above, and a home format it lacks (California's are both in it, so no copy is made). */
    private static List<String> allFormats(Set<String> homeFormats) {
        if (FORMATS.containsAll(homeFormats)) {
            return FORMATS;
        }
        List<String> all = new ArrayList<>(FORMATS);
        homeFormats.stream().filter(f -> !FORMATS.contains(f)).sorted().forEach(all::add);
        return all;
    }

    /** A reading after syntax resolution, with per-character confidences and its log score. */
    record Resolved(String plate, double[] charConfidences, double score) {}

    private static char bestOfKind(double[] probs, char read, boolean digit, boolean homeFormat) {
        char best = read;
        double bestP = -1;
        for (int s = 0; s < PlateSymbols.COUNT; s++) {
            char c = PlateSymbols.SYMBOLS.charAt(s);
            if (PlateSymbols.isDigit(c) != digit) {
                continue;
            }
            // Look-alikes that share a floor are told apart by the reader's own (small) weight:
            // an L is the home state's 4 rather than a 1 when the reader saw more of a 4.
            double p = effectiveProb(probs, read, c, homeFormat) + TIE_BREAK * probs[s];
            if (p > bestP) {
                bestP = p;
                best = c;
            }
        }
        return best;
    }

    /** Small enough never to outweigh a real difference of probability. */
    private static final double TIE_BREAK = 1e-3;

    /**
     * The probability a reading of {@code read} is taken to give {@code c}: the reader's own, or
     * for a look-alike at least a floor (see the floors above).
     */
    private static double effectiveProb(double[] probs, char read, char c, boolean homeFormat) {
        double p = probs[PlateSymbols.index(c)];
        if (c != read && lookalike(read, c)) {
            p = Math.max(p, LOOKALIKE_FLOOR);
            boolean letterForDigit = PlateSymbols.isLetter(read) && PlateSymbols.isDigit(c);
            if (letterForDigit && homeFormat) {
                p = Math.max(p, HOME_LOOKALIKE_FLOOR);
            }
            int shaped = DIGIT_SHAPED_LETTERS.indexOf(read);
            if (shaped >= 0 && THEIR_DIGITS.charAt(shaped) == c) {
                p = Math.max(p, DIGIT_SHAPED_LETTER_FLOOR);
            }
        }
        return p;
    }

    static boolean lookalike(char a, char b) {
        for (String group : LOOKALIKES) {
            if (group.indexOf(a) >= 0 && group.indexOf(b) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static double logScore(LineRead read, int[] positions, String text, boolean homeFormat) {
        double s = 0;
        for (int i = 0; i < text.length(); i++) {
            int pos = positions[i];
            s += Math.log(Math.max(
                    1e-6, effectiveProb(read.charProbs()[pos], read.plate().charAt(pos), text.charAt(i), homeFormat)));
        }
        return s;
    }

    private static double[] confidences(LineRead read, int[] positions, String text) {
        double[] out = new double[text.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = read.charProbs()[positions[i]][PlateSymbols.index(text.charAt(i))];
        }
        return out;
    }

    /**
     * Camera overlays print dates and times ({@code 2014-05-13 07:25:13}); no plate carries a
     * colon or a year-month date, so raw text showing either is not a plate.
     */
    static boolean looksLikeTimestamp(String raw) {
        return TIME.matcher(raw).find() || DATE.matcher(raw).find();
    }

    /**
     * Hours and minutes: a colon followed by exactly two digits (and no third). A bolt or a dirty
     * gap between a plate's character groups is read as a colon too ({@code A04:1237}), but then
     * more digits follow it.
     */
    private static final java.util.regex.Pattern TIME = java.util.regex.Pattern.compile("\\d\\s*[:：]\\s*\\d\\d(?!\\d)");

    private static final java.util.regex.Pattern DATE =
            java.util.regex.Pattern.compile("(19|20)\\d\\d\\s*[-/.]\\s*[01]?\\d");

    private static Set<String> notPlates() {
        List<String> words = new ArrayList<>();
        for (UsState s : UsState.values()) {
            String name = s.displayName().toUpperCase(Locale.ROOT).replaceAll("[^A-Z]", "");
            if (s != UsState.US) {
                words.add(name);
            }
        }
        // Slogans and other printed words found on US plates and plate frames.
        words.addAll(List.of(
                "SUNSHINE",
                "EMPIRE",
                "LINCOLN",
                "GARDENSTATE",
                "FIRSTINFLIGHT",
                "GREATLAKES",
                "PUREMICHIGAN",
                "CANYON",
                "LONESTAR",
                "LANDOF",
                "STATE",
                "DEALER",
                "TEMPORARY",
                "COUNTY",
                "WILDWONDERFUL",
                "ALOHA",
                "POTATOES",
                "FAMOUS",
                "PEACHSTATE",
                "VOLUNTEER",
                "SPORTSMAN",
                "PARADISE",
                "TAXATION",
                "REPRESENTATION",
                "NATIONSCAPITAL",
                "LIVEFREE",
                "GREENMOUNTAIN",
                "BIGSKY",
                "ENCHANTMENT",
                "GRANITE",
                "OCEANSTATE",
                "TOYOTA",
                "HONDA",
                "CHEVROLET",
                "NISSAN",
                "FORD",
                "LEXUS",
                "DODGE",
                "MOTORS",
                "AUTOMALL",
                "AUTOGROUP",
                "DMVCA",
                "EXPIRES",
                "EXPIRATION"));
        return Set.copyOf(words);
    }
}
