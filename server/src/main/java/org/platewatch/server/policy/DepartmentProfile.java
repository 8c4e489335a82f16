package org.platewatch.server.policy;

import static org.platewatch.server.policy.ProfileFields.requireText;

import java.time.Duration;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Every rule of a department's ALPR policy that differs between departments, typed. Code reads these settings and
 * never a literal (DESIGN.md rule 1). The eight seed departments are in {@link ShippedProfiles}, with the policy
 * section behind each value; docs/policy-profiles.md tabulates them.
 *
 * <p>Rules that state law fixes for every California department (a purpose logged for every search, no sharing for
 * immigration enforcement, no sale, audit logs kept at least a year) are still fields, so the transparency page and
 * the features read them from one place, but the constructors refuse a profile that relaxes them.
 *
 * <p>Each group of rules is its own record beside this one: {@link Retention}, {@link AuditCadence},
 * {@link TrainingRules}, {@link HotlistRules} (with {@link CustomEntryRules}), {@link SearchRules},
 * {@link AlertVerification} and {@link SharingRules}.
 *
 * @param key                   lower-case profile name, e.g. {@code san-leandro}
 * @param departmentName        e.g. "Oakland Police Department"
 * @param policyNumber          the policy manual number, e.g. "430"
 * @param zone                  the zone the console shows times in and calendar rules are counted in
 * @param administratorTitle    who administers the ALPR program (manages retention and access)
 * @param detectionRetention    how long detections (reads and their images) are kept
 * @param hitRetention          how long hits (alerts) are kept
 * @param auditLogRetention     how long the access log is kept; never under {@link #AUDIT_LOG_RETENTION_FLOOR}
 * @param audit                 when access audits are due, who does them and what they sample
 * @param training              how long completed training stays valid, and who may be trained
 * @param maxUploadInterval     the longest a vehicle or camera may hold reads before uploading;
 *                              {@link Duration#ZERO} means "immediately, continuously"
 * @param hotlists              allowed hot-list sources, their maximum age, rules for custom entries
 * @param search                what a detection search must state
 * @param alertVerification     what an officer must do before acting on an alert
 * @param stopOutcomeRequired   whether every stop made on an alert must be cleared with its outcome
 * @param sharing               release of data to other agencies
 * @param secondFactorRequired  whether sign-in needs a second factor (true in every shipped profile)
 * @param designeeTitle         who acts for the administrator ("his/her designee" in the texts), by title: the
 *                              public page names both, never a person
 * @param externalCopies        copies of the data held outside Platewatch (a vendor's cloud, a regional centre),
 *                              with their retention; empty where the policy names none
 */
public record DepartmentProfile(
        String key,
        String departmentName,
        String policyNumber,
        ZoneId zone,
        String administratorTitle,
        Retention detectionRetention,
        Retention hitRetention,
        Period auditLogRetention,
        AuditCadence audit,
        TrainingRules training,
        Duration maxUploadInterval,
        HotlistRules hotlists,
        SearchRules search,
        AlertVerification alertVerification,
        boolean stopOutcomeRequired,
        SharingRules sharing,
        boolean secondFactorRequired,
        String designeeTitle,
        List<ExternalCopy> externalCopies) {

    /** CJIS Security Policy 5.4.7: audit records are retained for at least one year. */
    public static final Period AUDIT_LOG_RETENTION_FLOOR = Period.ofYears(1);

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    public DepartmentProfile {
        requireText(key, "key");
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException(
                    "profile key must be lower-case words (letters, then letters or digits) joined by '-': " + key);
        }
        requireText(departmentName, "departmentName");
        requireText(policyNumber, "policyNumber");
        Objects.requireNonNull(zone, "zone");
        requireText(administratorTitle, "administratorTitle");
        Objects.requireNonNull(detectionRetention, "detectionRetention");
        Objects.requireNonNull(hitRetention, "hitRetention");
        Objects.requireNonNull(auditLogRetention, "auditLogRetention");
        if (!Periods.atLeast(auditLogRetention, AUDIT_LOG_RETENTION_FLOOR)) {
            throw new IllegalArgumentException("audit log retention " + auditLogRetention
                    + " is under the CJIS floor of " + AUDIT_LOG_RETENTION_FLOOR);
        }
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(maxUploadInterval, "maxUploadInterval");
        if (maxUploadInterval.isNegative()) {
            throw new IllegalArgumentException("maxUploadInterval must not be negative");
        }
        Objects.requireNonNull(hotlists, "hotlists");
        Objects.requireNonNull(search, "search");
        Objects.requireNonNull(alertVerification, "alertVerification");
        Objects.requireNonNull(sharing, "sharing");
        requireText(designeeTitle, "designeeTitle");
        externalCopies = List.copyOf(Objects.requireNonNull(externalCopies, "externalCopies"));
    }

    /**
     * A profile that records no external copy and whose designee is the administrator's: the seed profiles whose
     * texts say only "or his/her designee".
     */
    public DepartmentProfile(
            String key,
            String departmentName,
            String policyNumber,
            ZoneId zone,
            String administratorTitle,
            Retention detectionRetention,
            Retention hitRetention,
            Period auditLogRetention,
            AuditCadence audit,
            TrainingRules training,
            Duration maxUploadInterval,
            HotlistRules hotlists,
            SearchRules search,
            AlertVerification alertVerification,
            boolean stopOutcomeRequired,
            SharingRules sharing,
            boolean secondFactorRequired) {
        this(
                key,
                departmentName,
                policyNumber,
                zone,
                administratorTitle,
                detectionRetention,
                hitRetention,
                auditLogRetention,
                audit,
                training,
                maxUploadInterval,
                hotlists,
                search,
                alertVerification,
                stopOutcomeRequired,
                sharing,
                secondFactorRequired,
                designeeOf(administratorTitle),
                List.of());
    }

    /** The designee's title where the text says only "or his/her designee". */
    static String designeeOf(String administratorTitle) {
        return "Designee of the " + administratorTitle;
    }

    /**
     * This profile with the detection retention set to {@code period}, as far as the policy allows it: longer than a
     * minimum, shorter than a maximum, never different from a fixed purge age.
     *
     * @throws IllegalArgumentException if the policy does not allow {@code period}
     */
    public DepartmentProfile withDetectionRetention(Period period) {
        return new DepartmentProfile(
                key,
                departmentName,
                policyNumber,
                zone,
                administratorTitle,
                detectionRetention.narrowedTo(period),
                hitRetention,
                auditLogRetention,
                audit,
                training,
                maxUploadInterval,
                hotlists,
                search,
                alertVerification,
                stopOutcomeRequired,
                sharing,
                secondFactorRequired,
                designeeTitle,
                externalCopies);
    }
}
