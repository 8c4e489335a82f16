package org.platewatch.server.policy;

import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
        Training training,
        Duration maxUploadInterval,
        Hotlists hotlists,
        SearchRules search,
        AlertVerification alertVerification,
        boolean stopOutcomeRequired,
        Sharing sharing,
        boolean secondFactorRequired) {

    /** CJIS Security Policy 5.4.7: audit records are retained for at least one year. */
    public static final Period AUDIT_LOG_RETENTION_FLOOR = Period.ofYears(1);

    private static final Pattern KEY = Pattern.compile("[a-z]+(-[a-z]+)*");

    public DepartmentProfile {
        requireText(key, "key");
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("profile key must be lower-case words joined by '-': " + key);
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
    }

    /**
     * This profile with the detection retention set to {@code period}, as far as the policy allows it: longer than a
     * minimum, shorter than a maximum, never different from a fixed purge age.
     *
     * @throws IllegalArgumentException if the policy does not allow {@code period}
     */
    public DepartmentProfile withDetectionRetention(Period period) {
        return new DepartmentProfile(key, departmentName, policyNumber, zone, administratorTitle,
                detectionRetention.narrowedTo(period), hitRetention, auditLogRetention, audit, training,
                maxUploadInterval, hotlists, search, alertVerification, stopOutcomeRequired, sharing,
                secondFactorRequired);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    /** What the retention figure in the policy text binds. */
    public enum RetentionBound {
        /** "stored for X, and thereafter shall be purged": purge when the age reaches X, not before, not after. */
        PURGE_AT,
        /** "no longer than X": purge by age X at the latest; a department may choose a shorter period. */
        AT_MOST,
        /** "a minimum of X": never purge before age X; a department may keep longer under its records schedule. */
        AT_LEAST,
        /** kept without a purge age (Hayward's hit records). */
        INDEFINITE
    }

    /**
     * A retention rule. {@code period} is null only for {@link RetentionBound#INDEFINITE}; prefer
     * {@link #purgeAfter()}.
     */
    public record Retention(RetentionBound bound, Period period) {

        public Retention {
            Objects.requireNonNull(bound, "bound");
            if (bound == RetentionBound.INDEFINITE) {
                if (period != null) {
                    throw new IllegalArgumentException("an indefinite retention has no period");
                }
            } else if (period == null || !Periods.isPositive(period)) {
                throw new IllegalArgumentException(bound + " retention needs a positive period, not " + period);
            }
        }

        public static Retention purgeAt(Period period) {
            return new Retention(RetentionBound.PURGE_AT, period);
        }

        public static Retention atMost(Period period) {
            return new Retention(RetentionBound.AT_MOST, period);
        }

        public static Retention atLeast(Period period) {
            return new Retention(RetentionBound.AT_LEAST, period);
        }

        public static Retention indefinite() {
            return new Retention(RetentionBound.INDEFINITE, null);
        }

        /** The age at which the purge removes a record (absent a legal hold); empty when it never does. */
        public Optional<Period> purgeAfter() {
            return Optional.ofNullable(period);
        }

        /** The local date on which a record captured on {@code captured} is purged; empty when never. */
        public Optional<LocalDate> purgeDate(LocalDate captured) {
            return purgeAfter().map(captured::plus);
        }

        /**
         * The same bound with the purge age a department chose within it.
         *
         * @throws IllegalArgumentException if {@code chosen} breaks the bound
         */
        public Retention narrowedTo(Period chosen) {
            Objects.requireNonNull(chosen, "chosen");
            boolean allowed = switch (bound) {
                case PURGE_AT -> chosen.normalized().equals(period.normalized());
                case AT_MOST -> Periods.atMost(chosen, period);
                case AT_LEAST -> Periods.atLeast(chosen, period);
                case INDEFINITE -> false;
            };
            if (!allowed) {
                throw new IllegalArgumentException("retention " + chosen + " breaks the policy: " + describe());
            }
            return new Retention(bound, chosen);
        }

        /** Plain words for messages and the transparency page, e.g. "at least P1Y". */
        public String describe() {
            return switch (bound) {
                case PURGE_AT -> "purged at " + period;
                case AT_MOST -> "at most " + period;
                case AT_LEAST -> "at least " + period;
                case INDEFINITE -> "kept indefinitely";
            };
        }
    }

    /** How the audit due date is counted. */
    public enum AuditBasis {
        /** an audit is due {@code interval} after the previous one */
        ROLLING,
        /** at least one audit in every calendar year of the department's zone (Vallejo 426.7) */
        CALENDAR_YEAR
    }

    /**
     * When access audits are due and what they cover.
     *
     * @param basis                        rolling interval or once per calendar year
     * @param interval                     the steady-state interval between audits
     * @param initialInterval              the interval during {@code initialPhase} (Alameda: six months)
     * @param initialPhase                 how long after implementation {@code initialInterval} applies;
     *                                     {@link Period#ZERO} when there is no such phase
     * @param minimumSampleSize            how many searches the audit must sample at least; 0 when the policy
     *                                     sets no sample
     * @param sampleLookBack               the window the sample is drawn from, counted back from the audit;
     *                                     {@link Period#ZERO} when the policy sets none
     * @param auditorTitle                 who conducts (or directs) the audit
     * @param reportExplainsLongRetention  whether the report must explain data kept past the retention period
     * @param statedInPolicy               false where the text says only "on a regular basis" and the cadence
     *                                     is Platewatch's documented default
     */
    public record AuditCadence(
            AuditBasis basis,
            Period interval,
            Period initialInterval,
            Period initialPhase,
            int minimumSampleSize,
            Period sampleLookBack,
            String auditorTitle,
            boolean reportExplainsLongRetention,
            boolean statedInPolicy) {

        public AuditCadence {
            Objects.requireNonNull(basis, "basis");
            Objects.requireNonNull(interval, "interval");
            Objects.requireNonNull(initialInterval, "initialInterval");
            Objects.requireNonNull(initialPhase, "initialPhase");
            Objects.requireNonNull(sampleLookBack, "sampleLookBack");
            requireText(auditorTitle, "auditorTitle");
            if (!Periods.isPositive(interval) || !Periods.isPositive(initialInterval)) {
                throw new IllegalArgumentException("audit intervals must be positive");
            }
            if (initialPhase.isNegative() || sampleLookBack.isNegative() || minimumSampleSize < 0) {
                throw new IllegalArgumentException("audit phase, look-back and sample size must not be negative");
            }
        }

        /** A plain cadence with no initial phase and no sample rule. */
        public static AuditCadence every(Period interval, String auditorTitle, boolean statedInPolicy) {
            return new AuditCadence(AuditBasis.ROLLING, interval, interval, Period.ZERO, 0, Period.ZERO,
                    auditorTitle, false, statedInPolicy);
        }

        /** The interval that applies on {@code date} for a system implemented on {@code implementedOn}. */
        public Period intervalOn(LocalDate implementedOn, LocalDate date) {
            return date.isBefore(implementedOn.plus(initialPhase)) ? initialInterval : interval;
        }

        /**
         * The last day by which the next audit must be done.
         *
         * @param implementedOn the day the system went live (anchors Alameda's first two years)
         * @param lastAudit     the day of the previous audit; empty before the first one
         */
        public LocalDate nextAuditDue(LocalDate implementedOn, Optional<LocalDate> lastAudit) {
            if (basis == AuditBasis.CALENDAR_YEAR) {
                int year = lastAudit.map(d -> d.getYear() + 1).orElse(implementedOn.getYear());
                return LocalDate.of(year, 12, 31);
            }
            LocalDate from = lastAudit.orElse(implementedOn);
            return from.plus(intervalOn(implementedOn, from));
        }
    }

    /**
     * Training rules.
     *
     * @param validity                   how long a completed training lets a member use the system
     * @param validityStatedInPolicy     false where the text requires training but not its renewal, and the
     *                                   one-year validity is Platewatch's default
     * @param trainingOwnerTitle         who ensures members are trained
     * @param authorizedClassifications  the job classifications the policy allows to be trained; empty where the
     *                                   text names none (any trained, authorised member)
     */
    public record Training(Period validity, boolean validityStatedInPolicy, String trainingOwnerTitle,
                           List<String> authorizedClassifications) {

        public Training {
            Objects.requireNonNull(validity, "validity");
            if (!Periods.isPositive(validity)) {
                throw new IllegalArgumentException("training validity must be positive");
            }
            requireText(trainingOwnerTitle, "trainingOwnerTitle");
            authorizedClassifications = List.copyOf(authorizedClassifications);
        }

        /** Whether training completed on {@code completedOn} still covers use on {@code date}. */
        public boolean isValidOn(LocalDate completedOn, LocalDate date) {
            return !date.isBefore(completedOn) && !date.isAfter(completedOn.plus(validity));
        }
    }

    /** Kinds of hot-list source. */
    public enum HotlistSource {
        /** FBI National Crime Information Center files (stolen vehicles and plates, wanted, missing, ...) */
        NCIC,
        /** California DOJ Stolen Vehicle System files via CLETS (Vallejo's "SVS, SFR and SLR") */
        CA_DOJ_SVS,
        /** California DMV records, e.g. suspended or revoked registrations */
        CA_DMV,
        /** a regional intelligence centre's list, e.g. NCRIC */
        REGIONAL_INTELLIGENCE_CENTER,
        /** entries made by department members: local BOLOs, partial plates from major crimes */
        DEPARTMENT_BOLO
    }

    /**
     * Rules for entries that department members add to hot lists.
     *
     * @param caseNumberRequired             each entry carries the related case number
     * @param synopsisRequired               each entry carries a short synopsis of the originating call
     * @param updateNeedsSupervisorApproval  an update is approved by the member's immediate supervisor
     * @param newListApproverTitle           who approves a new specific hot list before its first entry
     */
    public record CustomEntries(boolean caseNumberRequired, boolean synopsisRequired,
                                boolean updateNeedsSupervisorApproval, String newListApproverTitle) {

        public CustomEntries {
            requireText(newListApproverTitle, "newListApproverTitle");
        }
    }

    /**
     * Hot-list rules.
     *
     * @param allowedSources  the source kinds the department may load
     * @param maxAge          the oldest an imported list may be before matches against it are flagged stale
     * @param designatedBy    who designates the hot lists in use
     * @param customEntries   rules for member-made entries
     */
    public record Hotlists(Set<HotlistSource> allowedSources, Duration maxAge, String designatedBy,
                           CustomEntries customEntries) {

        public Hotlists {
            if (allowedSources == null || allowedSources.isEmpty()) {
                throw new IllegalArgumentException("a profile allows at least one hot-list source");
            }
            allowedSources = Collections.unmodifiableSet(EnumSet.copyOf(allowedSources));
            Objects.requireNonNull(maxAge, "maxAge");
            if (maxAge.isNegative() || maxAge.isZero()) {
                throw new IllegalArgumentException("hot-list maximum age must be positive");
            }
            requireText(designatedBy, "designatedBy");
            Objects.requireNonNull(customEntries, "customEntries");
        }

        public boolean allows(HotlistSource source) {
            return allowedSources.contains(source);
        }
    }

    /**
     * What a detection search must state.
     *
     * @param reasonRequired      a stated purpose; always true (Civil Code § 1798.90.52(a)(4))
     * @param caseNumberRequired  a case or incident number
     */
    public record SearchRules(boolean reasonRequired, boolean caseNumberRequired) {

        public SearchRules {
            if (!reasonRequired) {
                throw new IllegalArgumentException(
                        "Civil Code § 1798.90.52(a)(4) requires the purpose of every access to be recorded");
            }
        }
    }

    /** What an officer must do before acting on an alert. */
    public enum AlertVerification {
        /** confirm the hot-list status and visually verify plate and state, no exception (Alameda 462.3(b)7) */
        REQUIRED,
        /** confirm through CLETS before enforcement action, absent exigent circumstances */
        REQUIRED_ABSENT_EXIGENCY,
        /** "if practicable, the officer should verify ... through CLETS" */
        IF_PRACTICABLE
    }

    /** Kinds of agency that may receive released data. */
    public enum Recipient {
        LAW_ENFORCEMENT,
        PROSECUTION,
        /** a government entity with an authorised public-safety purpose (Hayward 429.5(d) only) */
        PUBLIC_SAFETY
    }

    /**
     * Release of ALPR data to other agencies.
     *
     * @param allowedRecipients                 agency kinds that may receive data
     * @param californiaPublicAgenciesOnly      releases go to California public agencies only (Civil Code
     *                                          §§ 1798.90.5(f), 1798.90.55(b)); true in every shipped profile
     * @param writtenRequestRequired            the agency makes a written request naming agency, requester and
     *                                          purpose
     * @param approvalRequired                  the request is approved before it is fulfilled
     * @param approverTitle                     who approves
     * @param requestRetainedOnFile             the approved request is kept on file
     * @param immigrationEnforcementForbidden   never released for immigration enforcement (California Values Act,
     *                                          Gov. Code § 7284.6); always true
     * @param saleForbidden                     never sold (Civil Code § 1798.90.55(b)); always true
     * @param nonLawEnforcementRequestsTo       who handles requests from anyone else, under the records policy
     */
    public record Sharing(Set<Recipient> allowedRecipients, boolean californiaPublicAgenciesOnly,
                          boolean writtenRequestRequired, boolean approvalRequired, String approverTitle,
                          boolean requestRetainedOnFile, boolean immigrationEnforcementForbidden,
                          boolean saleForbidden, String nonLawEnforcementRequestsTo) {

        public Sharing {
            if (allowedRecipients == null || allowedRecipients.isEmpty()) {
                throw new IllegalArgumentException("a profile names at least one kind of recipient");
            }
            allowedRecipients = Collections.unmodifiableSet(EnumSet.copyOf(allowedRecipients));
            requireText(approverTitle, "approverTitle");
            requireText(nonLawEnforcementRequestsTo, "nonLawEnforcementRequestsTo");
            if (!immigrationEnforcementForbidden) {
                throw new IllegalArgumentException(
                        "the California Values Act (Gov. Code § 7284.6) forbids sharing for immigration enforcement");
            }
            if (!saleForbidden) {
                throw new IllegalArgumentException("Civil Code § 1798.90.55(b) forbids selling ALPR information");
            }
        }

        public boolean allows(Recipient recipient) {
            return allowedRecipients.contains(recipient);
        }
    }
}
