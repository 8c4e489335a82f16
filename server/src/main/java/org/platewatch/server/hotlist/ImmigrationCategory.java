package org.platewatch.server.hotlist;

import java.util.regex.Pattern;

/**
 * The California Values Act (Gov. Code § 7284.6) forbids using department resources for immigration
 * enforcement: a record of an immigration category (the NCIC Immigration Violator File, a list type or
 * reason naming immigration, ICE or CBP) is dropped at import, and no list of that kind can be created.
 */
final class ImmigrationCategory {

    // Whole words only, so that e.g. "POLICE" never reads as "ICE". IVF is NCIC's Immigration Violator File.
    private static final Pattern IMMIGRATION =
            Pattern.compile("(?i)(?<![A-Z0-9])(IMMIGRA[A-Z]*|IVF|ICE|CBP|DEPORT[A-Z]*|ILLEGAL ALIEN|ALIEN|REMOVAL ORDER"
                    + "|IMMIGRATION VIOLATOR[A-Z ]*)(?![A-Z0-9])");

    private ImmigrationCategory() {}

    /** True when any of the texts names an immigration category. */
    static boolean any(String... texts) {
        for (String text : texts) {
            if (text != null && IMMIGRATION.matcher(text).find()) {
                return true;
            }
        }
        return false;
    }
}
