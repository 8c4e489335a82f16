package org.platewatch.server.search;

import java.util.Arrays;
import java.util.Optional;

/**
 * The legitimate law-enforcement purposes a detection search may state (Civil Code § 1798.90.51(b)(1)(A): "the
 * authorized purposes for using the ALPR system"). The uses the law forbids are not on this list; they are
 * {@link ProhibitedUse}s, which a search is refused for naming.
 */
public enum SearchPurpose {
    STOLEN_VEHICLE("Stolen vehicle or plate"),
    WANTED_PERSON("Wanted person or vehicle"),
    MISSING_PERSON("Missing or at-risk person"),
    CRIME_INVESTIGATION("Criminal investigation"),
    AMBER_ALERT("AMBER, Silver or Feather Alert"),
    CRIME_SCENE_CANVASS("Canvass of a crime scene");

    private final String label;

    SearchPurpose(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The purpose with this code (case and {@code -} or space for {@code _} forgiven). */
    public static Optional<SearchPurpose> parse(String code) {
        String wanted = ProhibitedUse.codeOf(code);
        return Arrays.stream(values()).filter(p -> p.name().equals(wanted)).findFirst();
    }

    static String codes() {
        return String.join(", ", Arrays.stream(values()).map(Enum::name).toList());
    }
}
