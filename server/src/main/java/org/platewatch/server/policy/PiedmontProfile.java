package org.platewatch.server.policy;

import static org.platewatch.server.policy.ShippedDefaults.CALIFORNIA;
import static org.platewatch.server.policy.ShippedDefaults.CUSTODIAN_OF_RECORDS;
import static org.platewatch.server.policy.ShippedDefaults.DEFAULT_AUDIT_INTERVAL;
import static org.platewatch.server.policy.ShippedDefaults.DEFAULT_AUDIT_LOG_RETENTION;
import static org.platewatch.server.policy.ShippedDefaults.DEFAULT_HOTLIST_MAX_AGE;
import static org.platewatch.server.policy.ShippedDefaults.DEFAULT_HOTLIST_SOURCES;
import static org.platewatch.server.policy.ShippedDefaults.DEFAULT_MAX_UPLOAD_INTERVAL;
import static org.platewatch.server.policy.ShippedDefaults.DEFAULT_SEARCH;

import java.time.Period;
import java.util.EnumSet;
import java.util.List;

/**
 * The Piedmont Police Department's profile, policy 438, written from its text in
 * {@code shared/policies/california-alpr-policies.txt}. A comment beside each value names the section it comes
 * from; "DEFAULT" marks a value the text is silent on, taken from {@link ShippedDefaults}.
 */
final class PiedmontProfile {

    private PiedmontProfile() {}

    static DepartmentProfile profile() {
        String commander = "Administration Operations Commander";
        String supportServices = "Support Services Division Commander";
        return new DepartmentProfile(
                "piedmont",
                "Piedmont Police Department",
                "438",
                CALIFORNIA,
                commander, // 438.2, 438.2.1
                Retention.atLeast(Period.ofYears(1)), // 438.4: minimum of one year (Gov. Code § 34090.6)
                Retention.atLeast(Period.ofYears(1)), // 438.4: "all ALPR data"
                DEFAULT_AUDIT_LOG_RETENTION, // DEFAULT
                AuditCadence.every(
                        DEFAULT_AUDIT_INTERVAL, // 438.5(c): "regular basis"; DEFAULT annual
                        supportServices), // 438.5(c): directs the audits
                new TrainingRules(
                        Period.ofYears(1), // 438.7: in no case if not trained in more than a year
                        "Training Sergeant",
                        List.of()), // 438.10
                DEFAULT_MAX_UPLOAD_INTERVAL, // 438.4: "department procedures"; DEFAULT
                new HotlistRules(
                        DEFAULT_HOTLIST_SOURCES, // DEFAULT; 438.3(c): partial plates entered
                        DEFAULT_HOTLIST_MAX_AGE,
                        new CustomEntryRules(true, true, true)), // DEFAULT
                DEFAULT_SEARCH, // 438.5(a)
                AlertVerification.IF_PRACTICABLE, // 438.3(f)
                false, // DEFAULT
                new SharingRules(
                        EnumSet.of(Recipient.LAW_ENFORCEMENT, Recipient.PROSECUTION), // 438.9
                        true, // DEFAULT (Civil Code § 1798.90.55(b))
                        true,
                        true, // DEFAULT procedure (438.9 names no steps)
                        supportServices, // 438.9: requests forwarded to this commander
                        true, // DEFAULT
                        true,
                        true,
                        CUSTODIAN_OF_RECORDS), // 438.9: records policy for others
                true);
    }
}
