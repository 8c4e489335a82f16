package org.platewatch.server.users;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The roles of the department's ALPR policy. A camera's role, DEVICE, belongs to device tokens, not to people. */
public enum Role {
    OFFICER("Patrol officer"),
    INVESTIGATOR("Investigator"),
    SUPERVISOR("Supervisor"),
    ADMINISTRATOR("ALPR administrator"),
    AUDITOR("Auditor");

    private final String title;

    Role(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    /** The Spring Security authority, {@code ROLE_OFFICER} etc. */
    public String authority() {
        return "ROLE_" + name();
    }

    public static Optional<Role> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        String wanted = s.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        if (wanted.equals("ADMIN") || wanted.equals("ALPR_ADMINISTRATOR")) {
            wanted = "ADMINISTRATOR";
        }
        String w = wanted;
        return Arrays.stream(values()).filter(r -> r.name().equals(w)).findFirst();
    }
}
