package org.platewatch.server.alert;

import java.util.List;
import java.util.Locale;
import org.platewatch.server.platform.ProblemException;
import tools.jackson.databind.JsonNode;

/**
 * The one place where the body of {@code POST /api/v1/alerts/{id}/transitions} becomes a {@link Transition}.
 * {@code to} names the target state and decides which fields the rest of the body must have:
 * <ul>
 *   <li>TENTATIVE: {@code charactersVerified}, {@code stateVerified}, {@code vehicleVerified} (the life cycle
 *       refuses unless all three are true);
 *   <li>QUERIED: {@code result} of the live query ({@code system} defaults to CLETS; {@code reference} optional);
 *   <li>CONFIRMED: {@code confirmedWith} (the entering agency or person) and {@code method} (how); {@code exigency}
 *       when confirming before the checks where the profile allows it only in exigent circumstances;
 *   <li>NOT_CONFIRMED: {@code reason};
 *   <li>MISREAD: nothing but the optional {@code note};
 *   <li>CLEARED: {@code outcome} ({@link StopOutcome}) and {@code incidentNumber} (the outcome may be left out, with the
 *       incident number, only where the profile does not require it).
 * </ul>
 * A missing or malformed field is a 400 problem naming it; text is trimmed, and blank text counts as missing.
 */
final class TransitionBody {

    private TransitionBody() {}

    /** The target state named by {@code to}. */
    static AlertState target(JsonNode body) {
        String value = text(body, "to");
        if (value == null) {
            throw ProblemException.invalid("to", "is required; one of " + List.of(AlertState.values()));
        }
        try {
            return AlertState.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("to", "one of " + List.of(AlertState.values()));
        }
    }

    /** The transition to {@code to} the body describes. */
    static Transition parse(AlertState to, JsonNode body) {
        String note = text(body, "note");
        return switch (to) {
            case TENTATIVE ->
                new Transition.Tentative(
                        flag(body, "charactersVerified"),
                        flag(body, "stateVerified"),
                        flag(body, "vehicleVerified"),
                        note);
            case QUERIED -> {
                String system = text(body, "system");
                yield new Transition.Queried(
                        system == null ? "CLETS" : system, required(body, "result"), text(body, "reference"), note);
            }
            case CONFIRMED ->
                new Transition.Confirmed(
                        required(body, "confirmedWith"),
                        required(body, "method"),
                        text(body, "reference"),
                        text(body, "exigency"),
                        null,
                        note);
            case NOT_CONFIRMED -> new Transition.NotConfirmed(required(body, "reason"), note);
            case MISREAD -> new Transition.Misread(note);
            case CLEARED -> {
                // whether an outcome is required is the profile's (VerificationBeforeAction); one given needs its
                // incident
                StopOutcome outcome = outcome(body);
                yield new Transition.Cleared(
                        outcome,
                        outcome == null ? text(body, "incidentNumber") : required(body, "incidentNumber"),
                        note);
            }
            case ALERT ->
                throw new ProblemException(
                        AlertProblems.TRANSITION_NOT_ALLOWED,
                        "to",
                        "No transition leads back to ALERT: an alert is raised in that state and only leaves it");
        };
    }

    private static StopOutcome outcome(JsonNode body) {
        String value = text(body, "outcome");
        if (value == null) {
            return null;
        }
        try {
            return StopOutcome.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("outcome", "one of " + List.of(StopOutcome.values()));
        }
    }

    private static String required(JsonNode body, String field) {
        String value = text(body, field);
        if (value == null) {
            throw ProblemException.invalid(field, "is required for this transition");
        }
        return value;
    }

    /** A verification box: true only when the body says so; missing is unticked. */
    private static boolean flag(JsonNode body, String field) {
        JsonNode node = body == null ? null : body.get(field);
        if (node == null || node.isNull()) {
            return false;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isString() && List.of("true", "false").contains(node.asString().trim())) {
            return Boolean.parseBoolean(node.asString().trim());
        }
        throw ProblemException.invalid(field, "must be true or false");
    }

    /** The field's text, trimmed; null when missing or blank. Numbers are taken as their text. */
    private static String text(JsonNode body, String field) {
        JsonNode node = body == null ? null : body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isValueNode()) {
            throw ProblemException.invalid(field, "must be text");
        }
        String value = node.asString().trim();
        return value.isEmpty() ? null : value;
    }
}
