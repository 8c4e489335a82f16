package org.platewatch.server.sharing;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Marks of a federal agency or of immigration enforcement in what a person typed: an agency's name and contact,
 * a written request. The law forbids these releases whatever the form says, so {@link ReleaseRule} does not take a
 * "not federal" tick or a "law enforcement" purpose on trust when the words say otherwise. A false alarm costs a
 * request sent back for a human to re-enter (with a new registration); a miss would be an unlawful release.
 */
final class FederalMarks {

    private static final List<Pattern> FEDERAL_NAME = List.of(
            words("u\\.?\\s?s\\.?"),
            words("united states"),
            words("federal"),
            words("homeland security"),
            words("dhs"),
            words("fbi"),
            words("dea"),
            words("atf"),
            words("ice"),
            words("cbp"),
            words("hsi"),
            words("border patrol"),
            words("customs and border"),
            words("immigration and customs"),
            words("marshals? service"),
            words("secret service"),
            words("drug enforcement administration"),
            words("bureau of alcohol"));

    /** Federal e-mail domains: the domain itself or any sub-domain (ice.dhs.gov, fbi.gov, usdoj.gov, ...). */
    private static final List<String> FEDERAL_DOMAINS = List.of(
            "dhs.gov",
            "ice.gov",
            "cbp.gov",
            "fbi.gov",
            "ic.fbi.gov",
            "dea.gov",
            "atf.gov",
            "usdoj.gov",
            "justice.gov",
            "usmarshals.gov",
            "usss.gov",
            "uscis.gov",
            "treasury.gov",
            "mil");

    private static final List<Pattern> IMMIGRATION = List.of(
            words("immigration"),
            words("ice"),
            words("cbp"),
            words("border patrol"),
            words("deport\\w*"),
            words("removal proceedings?"),
            words("detainers?"),
            words("undocumented"),
            words("illegal aliens?"),
            words("visa overstay\\w*"));

    private FederalMarks() {}

    /** Whether the name or the contact marks the agency as federal. */
    static boolean looksFederal(String name, String contact) {
        return any(FEDERAL_NAME, name) || federalDomain(contact);
    }

    /** Whether the text speaks of immigration enforcement. */
    static boolean speaksOfImmigration(String text) {
        return any(IMMIGRATION, text);
    }

    private static boolean federalDomain(String contact) {
        if (contact == null) {
            return false;
        }
        String c = contact.toLowerCase(Locale.ROOT);
        for (String token : c.split("[\\s,;<>()]+")) {
            int at = token.lastIndexOf('@');
            if (at < 0) {
                continue;
            }
            String domain = token.substring(at + 1).replaceAll("\\.+$", "");
            for (String federal : FEDERAL_DOMAINS) {
                if (domain.equals(federal) || domain.endsWith("." + federal)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean any(List<Pattern> patterns, String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        return patterns.stream().anyMatch(p -> p.matcher(text).find());
    }

    private static Pattern words(String regex) {
        return Pattern.compile("(?<![\\p{L}\\p{N}])" + regex + "(?![\\p{L}\\p{N}])", Pattern.CASE_INSENSITIVE);
    }
}
