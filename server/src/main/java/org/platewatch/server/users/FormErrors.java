package org.platewatch.server.users;

import java.util.LinkedHashMap;
import java.util.Map;
import org.platewatch.server.platform.ProblemException;

/** A console form's errors by field name, from the service's {@link ProblemException}s (shown next to the field). */
final class FormErrors {

    private FormErrors() {}

    /** The refusal as {@code field -> message}; {@code fallback} names the field when the problem names none. */
    static Map<String, String> of(ProblemException e, String fallback) {
        String field = e.field() == null ? fallback : e.field();
        String message = e.getMessage() == null ? "is not accepted" : e.getMessage();
        if (message.startsWith(field + ": ")) {
            message = message.substring(field.length() + 2);
        }
        Map<String, String> errors = new LinkedHashMap<>();
        errors.put(field, message);
        return errors;
    }
}
