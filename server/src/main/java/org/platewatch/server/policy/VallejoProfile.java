package org.platewatch.server.policy;

import static org.platewatch.server.policy.ShippedDefaults.CALIFORNIA;
import static org.platewatch.server.policy.ShippedDefaults.CUSTODIAN_OF_RECORDS;
import static org.platewatch.server.policy.ShippedDefaults.DEFAULT_AUDIT_LOG_RETENTION;
import static org.platewatch.server.policy.ShippedDefaults.DEFAULT_MAX_UPLOAD_INTERVAL;
import static org.platewatch.server.policy.ShippedDefaults.DEFAULT_SEARCH;
import static org.platewatch.server.policy.ShippedDefaults.DEFAULT_TRAINING_VALIDITY;

import java.time.Duration;
import java.time.Period;
import java.util.EnumSet;
import java.util.List;

/**
 * The Vallejo Police Department's profile, policy 426, written from its text in
 * {@code shared/policies/california-alpr-policies.txt}. A comment beside each value names the section it comes
 * from; "DEFAULT" marks a value the text is silent on, taken from {@link ShippedDefaults}.
 */
final class VallejoProfile {

    private VallejoProfile() {}

    static DepartmentProfile profile() {
        String captain = "Investigations Bureau Captain";
        return new DepartmentProfile(
                "vallejo",
                "Vallejo Police Department",
                "426",
                CALIFORNIA,
                captain, // 426.2(c), 426.3.1
                Retention.atMost(Period.ofYears(1)), // 426.4 (second): no longer than one year
                Retention.atMost(Period.ofYears(1)), // 426.4: "all ALPR data"
                DEFAULT_AUDIT_LOG_RETENTION, // DEFAULT
                new AuditCadence(
                        AuditBasis.CALENDAR_YEAR, // "462.7": at least once during each calendar year
                        Period.ofYears(1),
                        Period.ofYears(1),
                        Period.ZERO,
                        10, // "462.7": at least 10 detection browsing inquiries
                        Period.ofMonths(6), // "462.7": from the preceding six-month period
                        "Professional Standards Division Lieutenant", // "462.7"
                        false,
                        AuditReportForm.MEMO, // "462.7": a memorandum to the Chief of Police, filed by PSD
                        ""),
                new TrainingRules(
                        DEFAULT_TRAINING_VALIDITY, // 426.4(d), (g) require training; renewal DEFAULT
                        "Training Sergeant", // 426.9
                        List.of("Sworn officer", "Crime analyst", "Police assistant")), // 426.3.1(a)
                DEFAULT_MAX_UPLOAD_INTERVAL, // 426.4: "department procedures"; DEFAULT
                new HotlistRules(
                        EnumSet.of(
                                HotlistSource.NCIC, // 426.2(d)
                                HotlistSource.CA_DOJ_SVS, // 426.4(f)(4): SVS, SFR, SLR
                                HotlistSource.CA_DMV, // 426.2(d)
                                HotlistSource.DEPARTMENT_BOLO), // 426.2(d): local BOLOs
                        Duration.ofHours(24), // 426.4(f)(4): downloaded a minimum of once a day
                        new CustomEntryRules(
                                true, true, // 426.4(f)(5): case number, synopsis
                                true)), // 426.4(f)(5): updates by immediate supervisor
                DEFAULT_SEARCH, // 426.5(e): case/incident number and/or a reason
                AlertVerification.REQUIRED_ABSENT_EXIGENCY, // 426.4(f)(1)
                true, // 426.4(f)(3): clear stops with the ALPR hit
                new SharingRules(
                        EnumSet.of(Recipient.LAW_ENFORCEMENT, Recipient.PROSECUTION), // 426.8
                        true, // DEFAULT (Civil Code § 1798.90.55(b))
                        true, // 426.8(a)
                        true,
                        "Chief of Police or authorized designee", // 426.8(b)
                        true, // 426.8(d)
                        true, // 426.6, 426.8(c): no immigration enforcement
                        true, // 426.4: not sold
                        CUSTODIAN_OF_RECORDS), // 426.8(d): records policy for others
                true,
                DepartmentProfile.designeeOf(captain), // 426.4(f): "ALPR Administrator or his/her designee"
                List.of(new ExternalCopy(
                        "Flock Safety, the ALPR vendor",
                        "All ALPR data the cameras collect (data hosting)",
                        Retention.purgeAt(Period.ofDays(30)), // 426.4: purged at the end of the 30 days of storage
                        "426.4")));
    }
}
