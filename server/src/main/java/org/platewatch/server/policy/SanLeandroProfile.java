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
 * The San Leandro Police Department's profile, policy 418, written from its text in
 * {@code shared/policies/california-alpr-policies.txt}. A comment beside each value names the section it comes
 * from; "DEFAULT" marks a value the text is silent on, taken from {@link ShippedDefaults}.
 */
final class SanLeandroProfile {

    private SanLeandroProfile() {}

    static DepartmentProfile profile() {
        String captain = "Bureau of Services Captain";
        return new DepartmentProfile(
                "san-leandro",
                "San Leandro Police Department",
                "418",
                CALIFORNIA,
                captain, // 418.3, 418.3.1
                Retention.purgeAt(Period.ofDays(365)), // 418.5: one year, purged on the 366th day
                Retention.purgeAt(Period.ofDays(365)), // 418.5: "all ALPR data"
                DEFAULT_AUDIT_LOG_RETENTION, // DEFAULT
                AuditCadence.every(
                                Period.ofMonths(3), // 418.6(c): quarterly
                                captain) // 418.6(c): by the ALPR Administrator
                        .reportingErrorsTo("NCRIC"), // 418.6(d): the administrator reports errors to NCRIC
                new TrainingRules(
                        DEFAULT_TRAINING_VALIDITY, // 418.8 defers to the NCRIC policy; DEFAULT
                        "Professional Standards and Training Unit", // 418.8
                        List.of("Sworn peace officer with a need and right to know")), // 418.4.1
                Duration.ZERO, // 418.5: transferred immediately upon utilization
                new HotlistRules(
                        EnumSet.of(
                                HotlistSource.NCIC,
                                HotlistSource.CA_DOJ_SVS, // DEFAULT
                                HotlistSource.REGIONAL_INTELLIGENCE_CENTER, // 418.2: NCRIC MOU
                                HotlistSource.DEPARTMENT_BOLO), // 418.4(c): partial plates entered
                        DEFAULT_HOTLIST_MAX_AGE,
                        new CustomEntryRules(true, true, true)), // DEFAULT
                DEFAULT_SEARCH, // 418.6(a)
                AlertVerification.IF_PRACTICABLE, // 418.4(f)
                false, // DEFAULT
                new SharingRules(
                        EnumSet.of(Recipient.LAW_ENFORCEMENT, Recipient.PROSECUTION), // 418.7
                        true, // DEFAULT (Civil Code § 1798.90.55(b))
                        true, // 418.7(a)
                        true,
                        captain + " or authorized designee", // 418.7(b)
                        true, // 418.7(c)
                        true,
                        true,
                        CUSTODIAN_OF_RECORDS, // 418.7: records policy for others
                        false, // no warrant number asked (DEFAULT)
                        NCRIC), // 418.2: the MOU
                true,
                DepartmentProfile.designeeOf(captain), // 418.3: "Bureau of Services Captain, or his/her designee"
                List.of(new ExternalCopy(
                        NCRIC,
                        "All ALPR data, transferred from the vehicles immediately upon use (418.5, the NCRIC MOU)",
                        Retention.purgeAt(Period.ofDays(365)), // 418.5: one year, purged on the 366th day
                        "418.2, 418.5")));
    }

    private static final String NCRIC = "Northern California Regional Intelligence Center (NCRIC)";
}
