package org.platewatch.server.policy;

import java.time.Duration;
import java.time.Period;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;

/**
 * The values a shipped profile takes where its department's text is silent ("DEFAULT" beside a value in a
 * department's profile), each with the reason for the figure; docs/policy-profiles.md lists where each applies.
 */
final class ShippedDefaults {

    /** All eight are California departments. */
    static final ZoneId CALIFORNIA = ZoneId.of("America/Los_Angeles");

    /** Oakland 430.9 ("updates are required annually") and Piedmont 438.7 state one year; others are silent. */
    static final Period DEFAULT_TRAINING_VALIDITY = Period.ofYears(1);

    /** No text sets one. CJIS 5.4.7 sets a one-year floor; Gov. Code § 34090 keeps city records two years. */
    static final Period DEFAULT_AUDIT_LOG_RETENTION = Period.ofYears(2);

    /** Vallejo 426.4(f)(4), "a minimum of once a day", is the only figure in the texts. */
    static final Duration DEFAULT_HOTLIST_MAX_AGE = Duration.ofHours(24);

    /** Hayward 429.5(c), "not to exceed 30 days between transfers", is the only figure in the texts. */
    static final Duration DEFAULT_MAX_UPLOAD_INTERVAL = Duration.ofDays(30);

    /** "Regular basis" texts (Emeryville, Hayward, Oakland, Piedmont, Richmond) get an annual audit. */
    static final Period DEFAULT_AUDIT_INTERVAL = Period.ofYears(1);

    /** Every text covers stolen vehicles and plates and partial plates entered by members. */
    static final Set<HotlistSource> DEFAULT_HOTLIST_SOURCES =
            EnumSet.of(HotlistSource.NCIC, HotlistSource.CA_DOJ_SVS, HotlistSource.DEPARTMENT_BOLO);

    /**
     * Purpose always (Civil Code § 1798.90.52(a)(4)), and a case or incident number for every search: Vallejo 426
     * says every inquiry "must be documented by either the associated ... case number or incident number, and/or a
     * reason", no text forbids asking for one, and an auditor cannot tie a search to an investigation without it.
     * Trained officers, investigators, supervisors and administrators may search (Alameda 462.3(c), Vallejo 426.5:
     * "authorized users"); a search naming no plate over more than 30 days or 5 km, or a partial plate with fewer
     * than 3 known characters, waits for a supervisor (the texts' "supervisor approval" for broad queries).
     */
    static final SearchRules DEFAULT_SEARCH = new SearchRules(
            true,
            true,
            Set.of("OFFICER", "INVESTIGATOR", "SUPERVISOR", "ADMINISTRATOR"),
            Duration.ofDays(30),
            5_000,
            3);

    /** Requests from the public or other non-law-enforcement bodies go through the records policy (§ 1798.90.55). */
    static final String CUSTODIAN_OF_RECORDS = "Custodian of Records";

    private ShippedDefaults() {}
}
