package org.platewatch.server.policy;

import static org.platewatch.server.policy.ShippedDefaults.CALIFORNIA;
import static org.platewatch.server.policy.ShippedDefaults.DEFAULT_AUDIT_INTERVAL;
import static org.platewatch.server.policy.ShippedDefaults.DEFAULT_AUDIT_LOG_RETENTION;
import static org.platewatch.server.policy.ShippedDefaults.DEFAULT_HOTLIST_MAX_AGE;
import static org.platewatch.server.policy.ShippedDefaults.DEFAULT_HOTLIST_SOURCES;
import static org.platewatch.server.policy.ShippedDefaults.DEFAULT_SEARCH;
import static org.platewatch.server.policy.ShippedDefaults.DEFAULT_TRAINING_VALIDITY;

import java.time.Duration;
import java.time.Period;
import java.util.EnumSet;
import java.util.List;

/**
 * The Hayward Police Department's profile, policy 429, written from its text in
 * {@code shared/policies/california-alpr-policies.txt}. A comment beside each value names the section it comes
 * from; "DEFAULT" marks a value the text is silent on, taken from {@link ShippedDefaults}.
 */
final class HaywardProfile {

    private HaywardProfile() {}

    static DepartmentProfile profile() {
        String commander = "Support Services Division Commander";
        return new DepartmentProfile(
                "hayward",
                "Hayward Police Department",
                "429",
                CALIFORNIA,
                commander, // 429.2
                Retention.atLeast(Period.ofYears(1)), // 429.5(c): minimum one year, thereafter may be purged
                Retention.indefinite(), // 429.5(c): hit records maintained indefinitely
                DEFAULT_AUDIT_LOG_RETENTION, // DEFAULT
                AuditCadence.every(DEFAULT_AUDIT_INTERVAL, commander), // 429.6(e): "regular basis"; DEFAULT
                new TrainingRules(
                        DEFAULT_TRAINING_VALIDITY, // 429.4(a) requires training; renewal DEFAULT
                        commander, // DEFAULT owner
                        List.of(
                                "Sworn peace officer", // 429.4(b)1
                                "Professional staff whose duties require the system (e.g. investigative CSO, crime analyst)")), // 429.4(b)2
                Duration.ofDays(30), // 429.5(c): not to exceed 30 days between transfers
                new HotlistRules(
                        DEFAULT_HOTLIST_SOURCES, // DEFAULT; 429.3(c): partial plates entered
                        DEFAULT_HOTLIST_MAX_AGE,
                        new CustomEntryRules(true, true, true)), // DEFAULT
                DEFAULT_SEARCH, // 429.6(b)
                AlertVerification.IF_PRACTICABLE, // 429.3(e)
                false, // DEFAULT
                new SharingRules(
                        EnumSet.of(
                                Recipient.LAW_ENFORCEMENT, // 429.5(d), 429.6(d)
                                Recipient.PROSECUTION, // 429.5(c): shared with prosecutors
                                Recipient
                                        .PUBLIC_SAFETY), // 429.5(d): any government entity with a public safety purpose
                        true, // DEFAULT (Civil Code § 1798.90.55(b))
                        true,
                        true,
                        commander,
                        true, // DEFAULT: text sets no release procedure
                        true,
                        true,
                        "Records Administrator"), // 429.6(a)
                true);
    }
}
