package org.platewatch.server.users;

import org.platewatch.server.platform.ProblemException;

/** The one length rule for the free text of the feature: names, courses, trainers, token names. */
final class RequiredText {

    static final int MAX = 200;

    private RequiredText() {}

    /** Refuses a missing, blank or over-long value, naming the field. */
    static void require(String field, String value) {
        if (value == null || value.isBlank() || value.length() > MAX) {
            throw ProblemException.invalid(field, "is required (at most " + MAX + " characters)");
        }
    }
}
