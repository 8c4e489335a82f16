package org.platewatch.server.users;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.platewatch.server.platform.ProblemException;

/** What the users pages' forms share: reading a training date, and the status a refused form comes back with. */
final class UserForms {

    private UserForms() {}

    /** 403 when the refusal is about who may do this, else 422: the form comes back with its errors. */
    static int status(ProblemException e) {
        return e.type().status().value() == 403 ? 403 : 422;
    }

    /** The day a course was completed, as the form gives it. */
    static LocalDate completedOn(String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalid("completedOn", "is required: the day the course was completed");
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("completedOn", "must be a date like 2026-11-28");
        }
    }
}
