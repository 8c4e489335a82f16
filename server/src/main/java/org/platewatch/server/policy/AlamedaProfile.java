package org.platewatch.server.policy;

import static org.platewatch.server.policy.ShippedDefaults.CALIFORNIA;
import static org.platewatch.server.policy.ShippedDefaults.CUSTODIAN_OF_RECORDS;
import static org.platewatch.server.policy.ShippedDefaults.DEFAULT_AUDIT_LOG_RETENTION;
import static org.platewatch.server.policy.ShippedDefaults.DEFAULT_HOTLIST_MAX_AGE;
import static org.platewatch.server.policy.ShippedDefaults.DEFAULT_SEARCH;
import static org.platewatch.server.policy.ShippedDefaults.DEFAULT_TRAINING_VALIDITY;

import java.time.Duration;
import java.time.Period;
import java.util.EnumSet;
import java.util.List;

/**
 * The Alameda Police Department's profile, policy 462, written from its text in
 * {@code shared/policies/california-alpr-policies.txt}. A comment beside each value names the section it comes
 * from; "DEFAULT" marks a value the text is silent on, taken from {@link ShippedDefaults}.
 */
final class AlamedaProfile {

    private AlamedaProfile() {}

    static DepartmentProfile profile() {
        String chief = "Chief of Police";
        return new DepartmentProfile(
                "alameda",
                "Alameda Police Department",
                "462",
                CALIFORNIA,
                chief, // 462.3(a)
                Retention.purgeAt(Period.ofMonths(6)), // 462.3(d): six months, thereafter shall be purged
                Retention.purgeAt(Period.ofMonths(6)), // 462.3(d): "all ALPR data"; hits not singled out
                DEFAULT_AUDIT_LOG_RETENTION, // DEFAULT
                new AuditCadence(
                        AuditBasis.ROLLING,
                        Period.ofYears(1), // 462.3(b)5: no less than annually thereafter
                        Period.ofMonths(6), // 462.3(b)5: at least every six months ...
                        Period.ofYears(2), // ... during the first two years after implementation
                        0,
                        Period.ZERO, // no sample rule
                        "Inspectional Services Section supervisor", // 462.3(b)5
                        true, // 462.3(b)5: explain data kept past six months
                        AuditReportForm.STANDARD, // DEFAULT
                        ""), // no regional centre named
                new TrainingRules(
                        DEFAULT_TRAINING_VALIDITY, // 462.3(b)3 requires training; renewal DEFAULT
                        chief,
                        List.of()), // DEFAULT owner: the administrator
                Duration.ZERO, // 462.3(b)1: uploaded automatically, ongoing
                new HotlistRules(
                        EnumSet.of(
                                HotlistSource.NCIC, // 462.3(b)2: NCIC files
                                HotlistSource.CA_DMV, // 462.3(b)2: DMV suspended/revoked registrations
                                HotlistSource.DEPARTMENT_BOLO), // 462.3(b)1: lists "created by" the Department
                        DEFAULT_HOTLIST_MAX_AGE, // DEFAULT (462.2: extracts "numerous times per day")
                        new CustomEntryRules(true, true, true)), // DEFAULT
                DEFAULT_SEARCH, // 462.3(c)4: queries logged by user
                AlertVerification.REQUIRED, // 462.3(b)7: alert alone no basis for action
                false, // DEFAULT
                new SharingRules(
                        EnumSet.of(
                                Recipient.LAW_ENFORCEMENT,
                                Recipient.PROSECUTION), // 462.3(d): prosecutors or others as permitted by law
                        true,
                        true,
                        true,
                        "Chief of Police or designee",
                        true, // DEFAULT procedure
                        true,
                        true,
                        CUSTODIAN_OF_RECORDS),
                true);
    }
}
