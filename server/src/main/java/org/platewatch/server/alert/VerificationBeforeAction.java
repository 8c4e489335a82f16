package org.platewatch.server.alert;

import java.util.List;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.policy.AlertVerification;
import org.platewatch.server.policy.DepartmentProfile;
import org.springframework.stereotype.Component;

/**
 * What the department's policy asks of an officer before acting on an alert ({@code alertVerification}) and when
 * clearing the stop ({@code stopOutcomeRequired}). The verified path (ALERT → TENTATIVE → QUERIED → CONFIRMED) is
 * always open; this decides whether a hit may be CONFIRMED before the visual check and the hot-list status check
 * are recorded:
 *
 * <ul>
 *   <li>{@code REQUIRED} (Alameda 462.3(b)7): never;
 *   <li>{@code REQUIRED_ABSENT_EXIGENCY} (Richmond 462.3(f), Vallejo 426.4(f)(1)): only with the exigency stated;
 *   <li>{@code IF_PRACTICABLE} (the others): yes, and the skipped checks are recorded with the confirmation.
 * </ul>
 *
 * Confirmation itself (with the entering agency) is never skipped: an arrest or seizure needs it whatever the profile
 * says (NCIC hit confirmation, {@link StopOutcome#needsConfirmedHit}).
 */
@Component
class VerificationBeforeAction {

    static final String VISUAL_CHECK = "visual check of plate, state and vehicle (TENTATIVE)";
    static final String STATUS_CHECK = "hot-list status check (QUERIED)";

    private final DepartmentProfile profile;

    VerificationBeforeAction(DepartmentProfile profile) {
        this.profile = profile;
    }

    /** Whether a step from {@code from} to {@code to} skips checks, so that the profile decides it, not the graph. */
    static boolean confirmsEarly(AlertState from, AlertState to) {
        return to == AlertState.CONFIRMED && (from == AlertState.ALERT || from == AlertState.TENTATIVE);
    }

    /** The confirmation with the checks it skips recorded, if the profile allows skipping them; refuses otherwise. */
    Transition.Confirmed confirmEarly(AlertState from, Transition.Confirmed c) {
        List<String> skipped = from == AlertState.ALERT ? List.of(VISUAL_CHECK, STATUS_CHECK) : List.of(STATUS_CHECK);
        AlertVerification rule = profile.alertVerification();
        if (rule == AlertVerification.REQUIRED) {
            throw new ProblemException(
                    AlertProblems.CHECKS_REQUIRED,
                    "to",
                    policy() + " requires, without exception, the visual check and the hot-list status check before "
                            + "a hit is confirmed; not recorded: " + String.join(", ", skipped));
        }
        if (rule == AlertVerification.REQUIRED_ABSENT_EXIGENCY && c.exigency() == null) {
            throw new ProblemException(
                    AlertProblems.CHECKS_REQUIRED,
                    "exigency",
                    policy() + " requires the visual check and the hot-list status check before a hit is confirmed, "
                            + "absent exigent circumstances; not recorded: " + String.join(", ", skipped)
                            + ". Record them, or state the exigency in 'exigency'");
        }
        return new Transition.Confirmed(c.confirmedWith(), c.method(), c.reference(), c.exigency(), skipped, c.note());
    }

    /** Refuses clearing without a stop outcome where the profile requires one (Vallejo 426.4(f)(3)). */
    void requireOutcome(Transition.Cleared c) {
        if (c.outcome() == null && profile.stopOutcomeRequired()) {
            throw new ProblemException(
                    AlertProblems.OUTCOME_REQUIRED,
                    "outcome",
                    "outcome: " + policy() + " requires every stop on an alert to be cleared with its outcome, one of "
                            + List.of(StopOutcome.values()) + ", and its incidentNumber");
        }
    }

    private String policy() {
        return "The " + profile.departmentName() + " policy " + profile.policyNumber();
    }
}
