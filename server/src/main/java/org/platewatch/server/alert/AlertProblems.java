package org.platewatch.server.alert;

import org.platewatch.server.platform.ProblemType;
import org.springframework.http.HttpStatus;

/** The problem types of the alert API; slugs never change once published. */
final class AlertProblems {

    static final ProblemType TRANSITION_NOT_ALLOWED = new ProblemType(
            "alert-transition-not-allowed", "The alert's state does not allow this transition", HttpStatus.CONFLICT);
    static final ProblemType VERIFICATION_REQUIRED = new ProblemType(
            "alert-verification-required",
            "The visual verification of characters, state and vehicle is not complete",
            HttpStatus.CONFLICT);
    static final ProblemType CONFIRMATION_REQUIRED = new ProblemType(
            "alert-confirmation-required",
            "An arrest or seizure on a hit needs the hit confirmed with the entering agency first",
            HttpStatus.CONFLICT);

    static final ProblemType CHECKS_REQUIRED = new ProblemType(
            "alert-checks-required",
            "The department's policy requires the visual check and the hot-list status check before a hit is confirmed",
            HttpStatus.CONFLICT);
    static final ProblemType OUTCOME_REQUIRED = new ProblemType(
            "alert-outcome-required",
            "The department's policy requires every stop on an alert to be cleared with its outcome",
            HttpStatus.BAD_REQUEST);

    private AlertProblems() {}
}
