package org.platewatch.server.policy;

import java.time.Duration;
import java.time.Period;
import java.time.ZoneId;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.platewatch.server.policy.DepartmentProfile.AlertVerification;
import org.platewatch.server.policy.DepartmentProfile.AuditBasis;
import org.platewatch.server.policy.DepartmentProfile.AuditCadence;
import org.platewatch.server.policy.DepartmentProfile.CustomEntries;
import org.platewatch.server.policy.DepartmentProfile.HotlistSource;
import org.platewatch.server.policy.DepartmentProfile.Hotlists;
import org.platewatch.server.policy.DepartmentProfile.Recipient;
import org.platewatch.server.policy.DepartmentProfile.Retention;
import org.platewatch.server.policy.DepartmentProfile.SearchRules;
import org.platewatch.server.policy.DepartmentProfile.Sharing;
import org.platewatch.server.policy.DepartmentProfile.Training;

/**
 * The eight seed departments, each written from its published policy in
 * {@code shared/policies/california-alpr-policies.txt}. A comment beside each value names the section it comes
 * from; "DEFAULT" marks a value the text is silent on, taken from the defaults below and listed in
 * docs/policy-profiles.md.
 */
public final class ShippedProfiles {

    // ---- Defaults where a department's text is silent ------------------------------------------------------

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

    /** Purpose always (Civil Code § 1798.90.52(a)(4)); no text makes a case number mandatory. */
    static final SearchRules DEFAULT_SEARCH = new SearchRules(true, false);

    /** Requests from the public or other non-law-enforcement bodies go through the records policy (§ 1798.90.55). */
    static final String CUSTODIAN_OF_RECORDS = "Custodian of Records";

    private static final Map<String, DepartmentProfile> PROFILES = index(List.of(
            alameda(), emeryville(), hayward(), oakland(), piedmont(), richmond(), sanLeandro(), vallejo()));

    private ShippedProfiles() {
    }

    /** The profile named {@code name}, ignoring case and accepting spaces or underscores for '-'. */
    public static Optional<DepartmentProfile> byName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String key = name.trim().toLowerCase(Locale.ROOT).replace(' ', '-').replace('_', '-');
        return Optional.ofNullable(PROFILES.get(key));
    }

    /** The shipped profile names, in alphabetical order. */
    public static Set<String> names() {
        return PROFILES.keySet();
    }

    /** The shipped profiles, in alphabetical order of name. */
    public static List<DepartmentProfile> all() {
        return List.copyOf(PROFILES.values());
    }

    private static Map<String, DepartmentProfile> index(List<DepartmentProfile> profiles) {
        Map<String, DepartmentProfile> byKey = new LinkedHashMap<>();
        profiles.forEach(p -> {
            if (byKey.put(p.key(), p) != null) {
                throw new IllegalStateException("two shipped profiles named " + p.key());
            }
        });
        return Collections.unmodifiableMap(byKey);
    }

    // ---- The eight departments ---------------------------------------------------------------------------

    static DepartmentProfile alameda() {
        String chief = "Chief of Police";
        return new DepartmentProfile(
                "alameda", "Alameda Police Department", "462",
                CALIFORNIA,
                chief,                                                   // 462.3(a)
                Retention.purgeAt(Period.ofMonths(6)),                   // 462.3(d): six months, thereafter shall be purged
                Retention.purgeAt(Period.ofMonths(6)),                   // 462.3(d): "all ALPR data"; hits not singled out
                DEFAULT_AUDIT_LOG_RETENTION,                             // DEFAULT
                new AuditCadence(AuditBasis.ROLLING,
                        Period.ofYears(1),                               // 462.3(b)5: no less than annually thereafter
                        Period.ofMonths(6),                              // 462.3(b)5: at least every six months ...
                        Period.ofYears(2),                               // ... during the first two years after implementation
                        0, Period.ZERO,                                  // no sample rule
                        "Inspectional Services Section supervisor",      // 462.3(b)5
                        true,                                            // 462.3(b)5: explain data kept past six months
                        true),
                new Training(DEFAULT_TRAINING_VALIDITY, false,           // 462.3(b)3 requires training; renewal DEFAULT
                        chief, List.of()),                               // DEFAULT owner: the administrator
                Duration.ZERO,                                           // 462.3(b)1: uploaded automatically, ongoing
                new Hotlists(EnumSet.of(HotlistSource.NCIC,              // 462.3(b)2: NCIC files
                                HotlistSource.CA_DMV,                    // 462.3(b)2: DMV suspended/revoked registrations
                                HotlistSource.DEPARTMENT_BOLO),          // 462.3(b)1: lists "created by" the Department
                        DEFAULT_HOTLIST_MAX_AGE,                         // DEFAULT (462.2: extracts "numerous times per day")
                        "Chief of Police or designee",                   // 462.3(b)2
                        new CustomEntries(true, true, true, chief)),     // DEFAULT
                DEFAULT_SEARCH,                                          // 462.3(c)4: queries logged by user
                AlertVerification.REQUIRED,                              // 462.3(b)7: alert alone no basis for action
                false,                                                   // DEFAULT
                new Sharing(EnumSet.of(Recipient.LAW_ENFORCEMENT, Recipient.PROSECUTION), // 462.3(d): prosecutors or others as permitted by law
                        true, true, true, "Chief of Police or designee", true, // DEFAULT procedure
                        true, true, CUSTODIAN_OF_RECORDS),
                true);
    }

    static DepartmentProfile emeryville() {
        String captain = "Professional Services and Standards Division Captain";
        return new DepartmentProfile(
                "emeryville", "Emeryville Police Department", "429",
                CALIFORNIA,
                captain,                                                 // 429.2, 429.2.1
                Retention.atLeast(Period.ofYears(1)),                    // 429.4: minimum of one year (Gov. Code § 34090.6)
                Retention.atLeast(Period.ofYears(1)),                    // 429.4: "all ALPR data"
                DEFAULT_AUDIT_LOG_RETENTION,                             // DEFAULT
                AuditCadence.every(DEFAULT_AUDIT_INTERVAL, captain, false), // 429.5(c): "regular basis"; DEFAULT annual, auditor
                new Training(DEFAULT_TRAINING_VALIDITY, false,           // 429.3(d) requires training; renewal DEFAULT
                        "Professional Services Officer", List.of()),     // 429.8
                DEFAULT_MAX_UPLOAD_INTERVAL,                             // 429.4: "department procedures"; DEFAULT
                new Hotlists(DEFAULT_HOTLIST_SOURCES,                    // DEFAULT; 429.3(c): partial plates entered
                        DEFAULT_HOTLIST_MAX_AGE, captain,                // DEFAULT
                        new CustomEntries(true, true, true, captain)),   // DEFAULT
                DEFAULT_SEARCH,                                          // 429.5(a): access logged by name, date, time
                AlertVerification.IF_PRACTICABLE,                        // 429.3(f)
                false,                                                   // DEFAULT
                new Sharing(EnumSet.of(Recipient.LAW_ENFORCEMENT, Recipient.PROSECUTION), // 429.7
                        true,                                            // DEFAULT (Civil Code § 1798.90.55(b))
                        true,                                            // 429.7(a): written request
                        true, captain + " or authorized designee",      // 429.7(b)
                        true,                                            // 429.7(c): retained on file
                        true, true, CUSTODIAN_OF_RECORDS),               // 429.7: records policy for others
                true);
    }

    static DepartmentProfile hayward() {
        String commander = "Support Services Division Commander";
        return new DepartmentProfile(
                "hayward", "Hayward Police Department", "429",
                CALIFORNIA,
                commander,                                               // 429.2
                Retention.atLeast(Period.ofYears(1)),                    // 429.5(c): minimum one year, thereafter may be purged
                Retention.indefinite(),                                  // 429.5(c): hit records maintained indefinitely
                DEFAULT_AUDIT_LOG_RETENTION,                             // DEFAULT
                AuditCadence.every(DEFAULT_AUDIT_INTERVAL, commander, false), // 429.6(e): "regular basis"; DEFAULT
                new Training(DEFAULT_TRAINING_VALIDITY, false,           // 429.4(a) requires training; renewal DEFAULT
                        commander,                                       // DEFAULT owner
                        List.of("Sworn peace officer",                   // 429.4(b)1
                                "Professional staff whose duties require the system (e.g. investigative CSO, crime analyst)")), // 429.4(b)2
                Duration.ofDays(30),                                     // 429.5(c): not to exceed 30 days between transfers
                new Hotlists(DEFAULT_HOTLIST_SOURCES,                    // DEFAULT; 429.3(c): partial plates entered
                        DEFAULT_HOTLIST_MAX_AGE, commander,              // DEFAULT
                        new CustomEntries(true, true, true, commander)), // DEFAULT
                DEFAULT_SEARCH,                                          // 429.6(b)
                AlertVerification.IF_PRACTICABLE,                        // 429.3(e)
                false,                                                   // DEFAULT
                new Sharing(EnumSet.of(Recipient.LAW_ENFORCEMENT,        // 429.5(d), 429.6(d)
                                Recipient.PROSECUTION,                   // 429.5(c): shared with prosecutors
                                Recipient.PUBLIC_SAFETY),                // 429.5(d): any government entity with a public safety purpose
                        true,                                            // DEFAULT (Civil Code § 1798.90.55(b))
                        true, true, commander, true,                     // DEFAULT: text sets no release procedure
                        true, true,
                        "Records Administrator"),                        // 429.6(a)
                true);
    }

    static DepartmentProfile oakland() {
        String deputyChief = "Bureau of Services Deputy Chief";
        return new DepartmentProfile(
                "oakland", "Oakland Police Department", "430",
                CALIFORNIA,
                deputyChief,                                             // 430.3, 430.3.1
                Retention.purgeAt(Period.ofMonths(6)),                   // 430.6: stored for six months, thereafter shall be purged
                Retention.purgeAt(Period.ofMonths(6)),                   // 430.6: "all ALPR data"
                DEFAULT_AUDIT_LOG_RETENTION,                             // DEFAULT
                AuditCadence.every(DEFAULT_AUDIT_INTERVAL,               // 430.7(c): "regular basis"; DEFAULT annual
                        "Bureau of Services", false),                    // 430.7(c)
                new Training(Period.ofYears(1), true,                    // 430.9: training updates required annually
                        "Training Section",                              // 430.9
                        List.of("Designated sergeant", "Officer",        // 430.4
                                "Police service technician", "Parking enforcement")),
                DEFAULT_MAX_UPLOAD_INTERVAL,                             // 430.6: "department procedures"; DEFAULT
                new Hotlists(DEFAULT_HOTLIST_SOURCES,                    // DEFAULT; 430.5(c): partial plates entered
                        DEFAULT_HOTLIST_MAX_AGE, deputyChief,            // DEFAULT
                        new CustomEntries(true, true, true, deputyChief)), // DEFAULT
                new SearchRules(true, false),                            // 430.7(a): purpose recorded; no case number rule
                AlertVerification.IF_PRACTICABLE,                        // 430.5(f)
                false,                                                   // DEFAULT
                new Sharing(EnumSet.of(Recipient.LAW_ENFORCEMENT, Recipient.PROSECUTION), // 430.8
                        true,                                            // DEFAULT (Civil Code § 1798.90.55(b))
                        true,                                            // 430.8(a)
                        true, deputyChief + " or authorized designee",  // 430.8(b)
                        true,                                            // 430.8(c)
                        true, true, CUSTODIAN_OF_RECORDS),               // 430.8: records policy for others
                true);
    }

    static DepartmentProfile piedmont() {
        String commander = "Administration Operations Commander";
        String supportServices = "Support Services Division Commander";
        return new DepartmentProfile(
                "piedmont", "Piedmont Police Department", "438",
                CALIFORNIA,
                commander,                                               // 438.2, 438.2.1
                Retention.atLeast(Period.ofYears(1)),                    // 438.4: minimum of one year (Gov. Code § 34090.6)
                Retention.atLeast(Period.ofYears(1)),                    // 438.4: "all ALPR data"
                DEFAULT_AUDIT_LOG_RETENTION,                             // DEFAULT
                AuditCadence.every(DEFAULT_AUDIT_INTERVAL,               // 438.5(c): "regular basis"; DEFAULT annual
                        supportServices, false),                         // 438.5(c): directs the audits
                new Training(Period.ofYears(1), true,                    // 438.7: in no case if not trained in more than a year
                        "Training Sergeant", List.of()),                 // 438.10
                DEFAULT_MAX_UPLOAD_INTERVAL,                             // 438.4: "department procedures"; DEFAULT
                new Hotlists(DEFAULT_HOTLIST_SOURCES,                    // DEFAULT; 438.3(c): partial plates entered
                        DEFAULT_HOTLIST_MAX_AGE, commander,              // DEFAULT
                        new CustomEntries(true, true, true, commander)), // DEFAULT
                DEFAULT_SEARCH,                                          // 438.5(a)
                AlertVerification.IF_PRACTICABLE,                        // 438.3(f)
                false,                                                   // DEFAULT
                new Sharing(EnumSet.of(Recipient.LAW_ENFORCEMENT, Recipient.PROSECUTION), // 438.9
                        true,                                            // DEFAULT (Civil Code § 1798.90.55(b))
                        true, true,                                      // DEFAULT procedure (438.9 names no steps)
                        supportServices,                                 // 438.9: requests forwarded to this commander
                        true,                                            // DEFAULT
                        true, true, CUSTODIAN_OF_RECORDS),               // 438.9: records policy for others
                true);
    }

    static DepartmentProfile richmond() {
        String commander = "Administration Division Commander";
        return new DepartmentProfile(
                "richmond", "Richmond Police Department", "462",
                CALIFORNIA,
                commander,                                               // 462.2
                Retention.purgeAt(Period.ofDays(90)),                    // 462.4: ninety days, thereafter will be purged
                Retention.purgeAt(Period.ofDays(90)),                    // 462.4: "all ALPR data"
                DEFAULT_AUDIT_LOG_RETENTION,                             // DEFAULT
                AuditCadence.every(DEFAULT_AUDIT_INTERVAL, commander, false), // 462.5(e): "regular basis"; DEFAULT
                new Training(DEFAULT_TRAINING_VALIDITY, false,           // 462.3(d) requires training; renewal DEFAULT
                        commander, List.of()),                           // DEFAULT owner
                DEFAULT_MAX_UPLOAD_INTERVAL,                             // DEFAULT: text silent
                new Hotlists(DEFAULT_HOTLIST_SOURCES,                    // DEFAULT; 462.3(c): partial plates entered
                        DEFAULT_HOTLIST_MAX_AGE, commander,              // DEFAULT
                        new CustomEntries(true, true, true, commander)), // DEFAULT
                DEFAULT_SEARCH,                                          // 462.5(b)
                AlertVerification.REQUIRED_ABSENT_EXIGENCY,              // 462.3(f): absent exigent circumstances, shall verify
                false,                                                   // DEFAULT
                new Sharing(EnumSet.of(Recipient.LAW_ENFORCEMENT,        // 462.5(d)
                                Recipient.PROSECUTION),                  // 462.4: shared with prosecutors
                        true,                                            // DEFAULT (Civil Code § 1798.90.55(b))
                        true, true, commander, true,                     // DEFAULT: text sets no release procedure
                        true, true,
                        "Records Supervisor"),                           // 462.5(a)
                true);
    }

    static DepartmentProfile sanLeandro() {
        String captain = "Bureau of Services Captain";
        return new DepartmentProfile(
                "san-leandro", "San Leandro Police Department", "418",
                CALIFORNIA,
                captain,                                                 // 418.3, 418.3.1
                Retention.purgeAt(Period.ofDays(365)),                   // 418.5: one year, purged on the 366th day
                Retention.purgeAt(Period.ofDays(365)),                   // 418.5: "all ALPR data"
                DEFAULT_AUDIT_LOG_RETENTION,                             // DEFAULT
                AuditCadence.every(Period.ofMonths(3),                   // 418.6(c): quarterly
                        captain, true),                                  // 418.6(c): by the ALPR Administrator
                new Training(DEFAULT_TRAINING_VALIDITY, false,           // 418.8 defers to the NCRIC policy; DEFAULT
                        "Professional Standards and Training Unit",      // 418.8
                        List.of("Sworn peace officer with a need and right to know")), // 418.4.1
                Duration.ZERO,                                           // 418.5: transferred immediately upon utilization
                new Hotlists(EnumSet.of(HotlistSource.NCIC, HotlistSource.CA_DOJ_SVS, // DEFAULT
                                HotlistSource.REGIONAL_INTELLIGENCE_CENTER, // 418.2: NCRIC MOU
                                HotlistSource.DEPARTMENT_BOLO),          // 418.4(c): partial plates entered
                        DEFAULT_HOTLIST_MAX_AGE, captain,                // DEFAULT
                        new CustomEntries(true, true, true, captain)),   // DEFAULT
                DEFAULT_SEARCH,                                          // 418.6(a)
                AlertVerification.IF_PRACTICABLE,                        // 418.4(f)
                false,                                                   // DEFAULT
                new Sharing(EnumSet.of(Recipient.LAW_ENFORCEMENT, Recipient.PROSECUTION), // 418.7
                        true,                                            // DEFAULT (Civil Code § 1798.90.55(b))
                        true,                                            // 418.7(a)
                        true, captain + " or authorized designee",      // 418.7(b)
                        true,                                            // 418.7(c)
                        true, true, CUSTODIAN_OF_RECORDS),               // 418.7: records policy for others
                true);
    }

    static DepartmentProfile vallejo() {
        String captain = "Investigations Bureau Captain";
        return new DepartmentProfile(
                "vallejo", "Vallejo Police Department", "426",
                CALIFORNIA,
                captain,                                                 // 426.2(c), 426.3.1
                Retention.atMost(Period.ofYears(1)),                     // 426.4 (second): no longer than one year
                Retention.atMost(Period.ofYears(1)),                     // 426.4: "all ALPR data"
                DEFAULT_AUDIT_LOG_RETENTION,                             // DEFAULT
                new AuditCadence(AuditBasis.CALENDAR_YEAR,               // "462.7": at least once during each calendar year
                        Period.ofYears(1), Period.ofYears(1), Period.ZERO,
                        10,                                              // "462.7": at least 10 detection browsing inquiries
                        Period.ofMonths(6),                              // "462.7": from the preceding six-month period
                        "Professional Standards Division Lieutenant",    // "462.7"
                        false, true),
                new Training(DEFAULT_TRAINING_VALIDITY, false,           // 426.4(d), (g) require training; renewal DEFAULT
                        "Training Sergeant",                             // 426.9
                        List.of("Sworn officer", "Crime analyst", "Police assistant")), // 426.3.1(a)
                DEFAULT_MAX_UPLOAD_INTERVAL,                             // 426.4: "department procedures"; DEFAULT
                new Hotlists(EnumSet.of(HotlistSource.NCIC,              // 426.2(d)
                                HotlistSource.CA_DOJ_SVS,                // 426.4(f)(4): SVS, SFR, SLR
                                HotlistSource.CA_DMV,                    // 426.2(d)
                                HotlistSource.DEPARTMENT_BOLO),          // 426.2(d): local BOLOs
                        Duration.ofHours(24),                            // 426.4(f)(4): downloaded a minimum of once a day
                        "ALPR Administrator or designee",                // 426.4(f)
                        new CustomEntries(true, true,                    // 426.4(f)(5): case number, synopsis
                                true,                                    // 426.4(f)(5): updates by immediate supervisor
                                captain)),                               // 426.4(f)(5): Administrator approves new lists
                new SearchRules(true, false),                            // 426.5(e): case/incident number and/or a reason
                AlertVerification.REQUIRED_ABSENT_EXIGENCY,              // 426.4(f)(1)
                true,                                                    // 426.4(f)(3): clear stops with the ALPR hit
                new Sharing(EnumSet.of(Recipient.LAW_ENFORCEMENT, Recipient.PROSECUTION), // 426.8
                        true,                                            // DEFAULT (Civil Code § 1798.90.55(b))
                        true,                                            // 426.8(a)
                        true, "Chief of Police or authorized designee",  // 426.8(b)
                        true,                                            // 426.8(d)
                        true,                                            // 426.6, 426.8(c): no immigration enforcement
                        true,                                            // 426.4: not sold
                        CUSTODIAN_OF_RECORDS),                           // 426.8(d): records policy for others
                true);
    }
}
