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

    private AlertProblems() {}
}
