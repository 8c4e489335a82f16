package org.platewatch.server.search;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Uses of ALPR data the law and every seed policy forbid. A search that names one as its purpose, or whose reason
 * says it is for one, is refused and the refusal audited: Civil Code § 1798.90.51 and Government Code § 7284.6
 * (no immigration enforcement, Attorney General bulletin 2023-DLE-06), the First Amendment, the policies' bans on
 * searches based on a protected characteristic, harassment and personal use.
 *
 * <p>The reason is screened for words only these uses have; a screen like this cannot catch every wording, and
 * is not meant to: it stops the plain statement of a forbidden purpose, and the anomaly review and the periodic
 * audit look at the rest.
 */
enum ProhibitedUse {
    IMMIGRATION_ENFORCEMENT(
            "immigration enforcement (Government Code § 7284.6)",
            "\\bimmigration\\b|\\bdeport\\w*|\\bICE\\b|\\bundocumented\\b|\\billegal alien|\\bvisa status\\b"),
    FIRST_AMENDMENT_ACTIVITY(
            "First Amendment activity (protest, religion, assembly)",
            "\\bprotest\\w*|\\bprotester\\w*|\\brally\\b|\\bdemonstrators?\\b|\\bfirst amendment\\b"),
    PROTECTED_CHARACTERISTIC(
            "a protected characteristic (race, religion, sexual orientation, ...)",
            "\\bbecause of (his|her|their) (race|religion|ethnicity)\\b"),
    HARASSMENT("harassment or intimidation", "\\bharass\\w*|\\bintimidat\\w*"),
    PERSONAL_USE("personal use", "\\bpersonal (use|reasons?|matter)\\b|\\bmy (ex|neighbou?r|girlfriend|boyfriend)\\b");

    private final String label;
    private final Pattern screen;

    ProhibitedUse(String label, String screen) {
        this.label = label;
        // Case-sensitive only where an acronym would otherwise match a common word ("ice" on the road).
        this.screen = Pattern.compile(screen.replace("\\bICE\\b", "(?-i:\\bICE\\b)"), Pattern.CASE_INSENSITIVE);
    }

    String label() {
        return label;
    }

    /** The forbidden use a purpose code or a reason names, if any. */
    static Optional<ProhibitedUse> namedBy(String purposeCode, String reason) {
        String code = codeOf(purposeCode);
        for (ProhibitedUse use : values()) {
            if (use.name().equals(code)
                    || (reason != null && use.screen.matcher(reason).find())) {
                return Optional.of(use);
            }
        }
        return Optional.empty();
    }

    static List<String> labels() {
        return Arrays.stream(values()).map(ProhibitedUse::label).toList();
    }

    /** A purpose code as an enum constant's name: upper case, {@code -} and spaces as {@code _}. */
    static String codeOf(String code) {
        return code == null
                ? ""
                : code.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    }
}
