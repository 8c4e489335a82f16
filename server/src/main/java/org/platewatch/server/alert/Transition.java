package org.platewatch.server.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What a member records when moving an alert on: one record per target state, holding exactly what that
 * step requires (the request body of {@code POST /api/v1/alerts/{id}/transitions}, parsed by
 * {@link TransitionBody}, and the {@code details} of the transition as stored and shown). {@code note} is
 * optional on every one.
 */
public sealed interface Transition {

    /** The state the alert moves to. */
    AlertState to();

    String note();

    /** The officer compared characters, state and vehicle with the read's image: all three are true. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Tentative(boolean charactersVerified, boolean stateVerified, boolean vehicleVerified, String note)
            implements Transition {
        @Override
        public AlertState to() {
            return AlertState.TENTATIVE;
        }
    }

    /** The live query of the list ({@code system}, CLETS unless said otherwise) and what it answered. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Queried(String system, String result, String reference, String note) implements Transition {
        @Override
        public AlertState to() {
            return AlertState.QUERIED;
        }
    }

    /**
     * The entering agency (or person) confirmed the hit, and how. Reached from QUERIED, or earlier where the profile's
     * {@code alertVerification} allows it ({@link VerificationBeforeAction}): then {@code skippedChecks} names the
     * checks not recorded, and {@code exigency} the exigent circumstance the officer stated (required under
     * {@code REQUIRED_ABSENT_EXIGENCY}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Confirmed(
            String confirmedWith,
            String method,
            String reference,
            String exigency,
            List<String> skippedChecks,
            String note)
            implements Transition {
        @Override
        public AlertState to() {
            return AlertState.CONFIRMED;
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record NotConfirmed(String reason, String note) implements Transition {
        @Override
        public AlertState to() {
            return AlertState.NOT_CONFIRMED;
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Misread(String note) implements Transition {
        @Override
        public AlertState to() {
            return AlertState.MISREAD;
        }
    }

    /**
     * The stop is over: how it ended and the incident it was recorded under. Both may be left out only where the profile
     * does not require a stop outcome ({@code stopOutcomeRequired}); an outcome always comes with its incident number.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Cleared(StopOutcome outcome, String incidentNumber, String note) implements Transition {
        @Override
        public AlertState to() {
            return AlertState.CLEARED;
        }
    }

    /** The record type that holds the details of a transition to {@code state}. */
    static Class<? extends Transition> typeOf(AlertState state) {
        return switch (state) {
            case TENTATIVE -> Tentative.class;
            case QUERIED -> Queried.class;
            case CONFIRMED -> Confirmed.class;
            case NOT_CONFIRMED -> NotConfirmed.class;
            case MISREAD -> Misread.class;
            case CLEARED -> Cleared.class;
            case ALERT -> throw new IllegalArgumentException("no transition leads back to ALERT");
        };
    }
}
