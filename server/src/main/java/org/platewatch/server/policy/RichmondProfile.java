package org.platewatch.server.policy;

import static org.platewatch.server.policy.ShippedDefaults.CALIFORNIA;
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
 * The Richmond Police Department's profile, policy 462, written from its text in
 * {@code shared/policies/california-alpr-policies.txt}. A comment beside each value names the section it comes
 * from; "DEFAULT" marks a value the text is silent on, taken from {@link ShippedDefaults}.
 */
final class RichmondProfile {

    private RichmondProfile() {}

    static DepartmentProfile profile() {
        String commander = "Administration Division Commander";
        return new DepartmentProfile(
                "richmond",
                "Richmond Police Department",
                "462",
                CALIFORNIA,
                commander, // 462.2
                Retention.purgeAt(Period.ofDays(90)), // 462.4: ninety days, thereafter will be purged
                Retention.purgeAt(Period.ofDays(90)), // 462.4: "all ALPR data"
                DEFAULT_AUDIT_LOG_RETENTION, // DEFAULT
                AuditCadence.every(DEFAULT_AUDIT_INTERVAL, commander), // 462.5(e): "regular basis"; DEFAULT
                new TrainingRules(
                        DEFAULT_TRAINING_VALIDITY, // 462.3(d) requires training; renewal DEFAULT
                        commander,
                        List.of()), // DEFAULT owner
                DEFAULT_MAX_UPLOAD_INTERVAL, // DEFAULT: text silent
                new HotlistRules(
                        DEFAULT_HOTLIST_SOURCES, // DEFAULT; 462.3(c): partial plates entered
                        DEFAULT_HOTLIST_MAX_AGE,
                        new CustomEntryRules(true, true, true)), // DEFAULT
                DEFAULT_SEARCH, // 462.5(b)
                AlertVerification.REQUIRED_ABSENT_EXIGENCY, // 462.3(f): absent exigent circumstances, shall verify
                false, // DEFAULT
                new SharingRules(
                        EnumSet.of(
                                Recipient.LAW_ENFORCEMENT, // 462.5(d)
                                Recipient.PROSECUTION), // 462.4: shared with prosecutors
                        true, // DEFAULT (Civil Code § 1798.90.55(b))
                        true,
                        true,
                        commander,
                        true, // DEFAULT: text sets no release procedure
                        true,
                        true,
                        "Records Supervisor"), // 462.5(a)
                true);
    }
}
