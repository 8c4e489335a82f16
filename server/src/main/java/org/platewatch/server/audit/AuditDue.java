package org.platewatch.server.audit;

import java.time.LocalDate;
import java.time.Period;
import java.util.Optional;
import java.util.UUID;
import org.platewatch.server.policy.AuditBasis;
import org.platewatch.server.policy.AuditCadence;

/**
 * When the next periodic audit is due, and whether it shows as due now.
 *
 * @param dueOn          the last day (department's zone) by which the next audit must be done
 * @param status         {@code NOT_YET}, {@code DUE} (within the notice before {@code dueOn}) or {@code OVERDUE}
 * @param lastAuditOn    the day the previous audit was completed; null before the first
 * @param implementedOn  the day the schedule counts from
 * @param openAudit      the audit under way, if one was started and not completed; null otherwise
 */
record AuditDue(
        LocalDate dueOn,
        Status status,
        LocalDate lastAuditOn,
        LocalDate implementedOn,
        AuditBasis basis,
        Period interval,
        int sampleSize,
        Period sampleLookBack,
        String auditorTitle,
        UUID openAudit) {

    enum Status {
        NOT_YET,
        DUE,
        OVERDUE
    }

    /** The due date under the cadence, and how it stands on {@code today}. */
    static AuditDue of(
            AuditCadence cadence,
            LocalDate implementedOn,
            Optional<LocalDate> lastAudit,
            LocalDate today,
            Period notice,
            int sampleSize,
            UUID openAudit) {
        LocalDate due = cadence.nextAuditDue(implementedOn, lastAudit);
        Status status =
                today.isAfter(due) ? Status.OVERDUE : today.isBefore(due.minus(notice)) ? Status.NOT_YET : Status.DUE;
        return new AuditDue(
                due,
                status,
                lastAudit.orElse(null),
                implementedOn,
                cadence.basis(),
                cadence.intervalOn(implementedOn, lastAudit.orElse(implementedOn)),
                sampleSize,
                cadence.sampleLookBack(),
                cadence.auditorTitle(),
                openAudit);
    }

    public boolean showsAsDue() {
        return status != Status.NOT_YET;
    }
}
