package org.platewatch.server.policy;

/** The checks the profile and its rule records share, so that each refuses a blank title with one wording. */
final class ProfileFields {

    private ProfileFields() {}

    static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
