package org.platewatch.server.policy;

import static org.platewatch.server.policy.ProfileFields.requireText;

import java.time.LocalDate;
import java.time.Period;
import java.util.Objects;
import java.util.Optional;

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
 * @param reportForm                   how the audit report is written: Vallejo's is an internal memorandum to the
 *                                     Chief of Police ("462.7"), the others a standard report
 * @param errorsReportedTo             the regional centre that data errors must be reported to for correction
 *                                     (San Leandro 418.6(d): NCRIC); empty when the policy names none
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
        AuditReportForm reportForm,
        String errorsReportedTo) {

    /**
     * Data kept longer than this is listed, with the hold behind it, in every audit report: Alameda 462.3(b)5 asks
     * for "an explanation regarding any data retained longer than six months"; the others keep less or the same,
     * and an auditor of any department wants to see what outlived it.
     */
    public static final Period LONG_HELD = Period.ofMonths(6);

    public AuditCadence {
        Objects.requireNonNull(reportForm, "reportForm");
        Objects.requireNonNull(errorsReportedTo, "errorsReportedTo");
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
    public static AuditCadence every(Period interval, String auditorTitle) {
        return new AuditCadence(
                AuditBasis.ROLLING,
                interval,
                interval,
                Period.ZERO,
                0,
                Period.ZERO,
                auditorTitle,
                false,
                AuditReportForm.STANDARD,
                "");
    }

    /** This cadence with data errors reported to {@code centre} for correction. */
    public AuditCadence reportingErrorsTo(String centre) {
        requireText(centre, "errorsReportedTo");
        return new AuditCadence(
                basis,
                interval,
                initialInterval,
                initialPhase,
                minimumSampleSize,
                sampleLookBack,
                auditorTitle,
                reportExplainsLongRetention,
                reportForm,
                centre);
    }

    /** The regional centre that corrected data errors go to, when the policy names one. */
    public Optional<String> regionalCentre() {
        return errorsReportedTo.isBlank() ? Optional.empty() : Optional.of(errorsReportedTo);
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
