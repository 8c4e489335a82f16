package org.platewatch.server.policy;

import static org.platewatch.server.policy.ShippedDefaults.CALIFORNIA;
import static org.platewatch.server.policy.ShippedDefaults.CUSTODIAN_OF_RECORDS;
import static org.platewatch.server.policy.ShippedDefaults.DEFAULT_AUDIT_INTERVAL;
import static org.platewatch.server.policy.ShippedDefaults.DEFAULT_AUDIT_LOG_RETENTION;
import static org.platewatch.server.policy.ShippedDefaults.DEFAULT_HOTLIST_MAX_AGE;
import static org.platewatch.server.policy.ShippedDefaults.DEFAULT_HOTLIST_SOURCES;
import static org.platewatch.server.policy.ShippedDefaults.DEFAULT_MAX_UPLOAD_INTERVAL;
import static org.platewatch.server.policy.ShippedDefaults.DEFAULT_SEARCH;
import static org.platewatch.server.policy.ShippedDefaults.DEFAULT_TRAINING_VALIDITY;

import java.time.Period;
import java.util.EnumSet;
import java.util.List;

/**
 * The Emeryville Police Department's profile, policy 429, written from its text in
 * {@code shared/policies/california-alpr-policies.txt}. A comment beside each value names the section it comes
 * from; "DEFAULT" marks a value the text is silent on, taken from {@link ShippedDefaults}.
 */
final class EmeryvilleProfile {

    private EmeryvilleProfile() {}

    static DepartmentProfile profile() {
        String captain = "Professional Services and Standards Division Captain";
        return new DepartmentProfile(
                "emeryville",
                "Emeryville Police Department",
                "429",
                CALIFORNIA,
                captain, // 429.2, 429.2.1
                Retention.atLeast(Period.ofYears(1)), // 429.4: minimum of one year (Gov. Code § 34090.6)
                Retention.atLeast(Period.ofYears(1)), // 429.4: "all ALPR data"
                DEFAULT_AUDIT_LOG_RETENTION, // DEFAULT
                AuditCadence.every(
                        DEFAULT_AUDIT_INTERVAL, captain), // 429.5(c): "regular basis"; DEFAULT annual, auditor
                new TrainingRules(
                        DEFAULT_TRAINING_VALIDITY, // 429.3(d) requires training; renewal DEFAULT
                        "Professional Services Officer",
                        List.of()), // 429.8
                DEFAULT_MAX_UPLOAD_INTERVAL, // 429.4: "department procedures"; DEFAULT
                new HotlistRules(
                        DEFAULT_HOTLIST_SOURCES, // DEFAULT; 429.3(c): partial plates entered
                        DEFAULT_HOTLIST_MAX_AGE,
                        new CustomEntryRules(true, true, true)), // DEFAULT
                DEFAULT_SEARCH, // 429.5(a): access logged by name, date, time
                AlertVerification.IF_PRACTICABLE, // 429.3(f)
                false, // DEFAULT
                new SharingRules(
                        EnumSet.of(Recipient.LAW_ENFORCEMENT, Recipient.PROSECUTION), // 429.7
                        true, // DEFAULT (Civil Code § 1798.90.55(b))
                        true, // 429.7(a): written request
                        true,
                        captain + " or authorized designee", // 429.7(b)
                        true, // 429.7(c): retained on file
                        true,
                        true,
                        CUSTODIAN_OF_RECORDS), // 429.7: records policy for others
                true);
    }
}
