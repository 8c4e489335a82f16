package org.platewatch.plate;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The issuing jurisdictions a US plate can come from: the states, DC and the territories. */
public enum UsState {
    AL("Alabama"),
    AK("Alaska"),
    AZ("Arizona"),
    AR("Arkansas"),
    CA("California"),
    CO("Colorado"),
    CT("Connecticut"),
    DE("Delaware"),
    DC("District of Columbia"),
    FL("Florida"),
    GA("Georgia"),
    HI("Hawaii"),
    ID("Idaho"),
    IL("Illinois"),
    IN("Indiana"),
    IA("Iowa"),
    KS("Kansas"),
    KY("Kentucky"),
    LA("Louisiana"),
    ME("Maine"),
    MD("Maryland"),
    MA("Massachusetts"),
    MI("Michigan"),
    MN("Minnesota"),
    MS("Mississippi"),
    MO("Missouri"),
    MT("Montana"),
    NE("Nebraska"),
    NV("Nevada"),
    NH("New Hampshire"),
    NJ("New Jersey"),
    NM("New Mexico"),
    NY("New York"),
    NC("North Carolina"),
    ND("North Dakota"),
    OH("Ohio"),
    OK("Oklahoma"),
    OR("Oregon"),
    PA("Pennsylvania"),
    RI("Rhode Island"),
    SC("South Carolina"),
    SD("South Dakota"),
    TN("Tennessee"),
    TX("Texas"),
    UT("Utah"),
    VT("Vermont"),
    VA("Virginia"),
    WA("Washington"),
    WV("West Virginia"),
    WI("Wisconsin"),
    WY("Wyoming"),
    PR("Puerto Rico"),
    GU("Guam"),
    VI("US Virgin Islands"),
    AS("American Samoa"),
    MP("Northern Mariana Islands"),
    /** Federal government plates. */
    US("US Government");

    private static final Map<String, UsState> BY_CODE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Enum::name, Function.identity()));

    private final String displayName;

    UsState(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /** Parses a two-letter code in any case; empty for anything else. */
    public static Optional<UsState> fromCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_CODE.get(code.trim().toUpperCase(Locale.ROOT)));
    }

    /**
     * The US jurisdiction of a region as cameras and recognisers write it: {@code us-ca}, {@code ca} or
     * {@code CA}. Empty for anything else (a Mexican or European region, a blank, an unknown code):
     * an issuing state is never guessed.
     */
    public static Optional<UsState> fromRegion(String region) {
        if (region == null) {
            return Optional.empty();
        }
        String r = region.trim().toLowerCase(Locale.ROOT);
        if (r.startsWith("us-")) {
            r = r.substring(3);
        }
        return r.length() == 2 ? fromCode(r) : Optional.empty();
    }
}
