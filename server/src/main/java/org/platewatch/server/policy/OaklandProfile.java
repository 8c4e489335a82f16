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
 * The Oakland Police Department's profile, policy 430, written from its text in
 * {@code shared/policies/california-alpr-policies.txt}. A comment beside each value names the section it comes
 * from; "DEFAULT" marks a value the text is silent on, taken from {@link ShippedDefaults}.
 */
final class OaklandProfile {

    private OaklandProfile() {}

    static DepartmentProfile profile() {
        String deputyChief = "Bureau of Services Deputy Chief";
        return new DepartmentProfile(
                "oakland",
                "Oakland Police Department",
                "430",
                CALIFORNIA,
                deputyChief, // 430.3, 430.3.1
                Retention.purgeAt(Period.ofMonths(6)), // 430.6: stored for six months, thereafter shall be purged
                Retention.purgeAt(Period.ofMonths(6)), // 430.6: "all ALPR data"
                DEFAULT_AUDIT_LOG_RETENTION, // DEFAULT
                AuditCadence.every(
                        DEFAULT_AUDIT_INTERVAL, // 430.7(c): "regular basis"; DEFAULT annual
                        "Bureau of Services"), // 430.7(c)
                new TrainingRules(
                        Period.ofYears(1), // 430.9: training updates required annually
                        "Training Section", // 430.9
                        List.of(
                                "Designated sergeant", "Officer", // 430.4
                                "Police service technician", "Parking enforcement")),
                DEFAULT_MAX_UPLOAD_INTERVAL, // 430.6: "department procedures"; DEFAULT
                new HotlistRules(
                        DEFAULT_HOTLIST_SOURCES, // DEFAULT; 430.5(c): partial plates entered
                        DEFAULT_HOTLIST_MAX_AGE,
                        new CustomEntryRules(true, true, true)), // DEFAULT
                DEFAULT_SEARCH, // 430.7(a): purpose recorded; no case number rule
                AlertVerification.IF_PRACTICABLE, // 430.5(f)
                false, // DEFAULT
                new SharingRules(
                        EnumSet.of(Recipient.LAW_ENFORCEMENT, Recipient.PROSECUTION), // 430.8
                        true, // DEFAULT (Civil Code § 1798.90.55(b))
                        true, // 430.8(a)
                        true,
                        deputyChief + " or authorized designee", // 430.8(b)
                        true, // 430.8(c)
                        true,
                        true,
                        CUSTODIAN_OF_RECORDS), // 430.8: records policy for others
                true);
    }
}
