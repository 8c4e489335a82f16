package org.platewatch.server.policy;

import java.time.LocalDate;
import java.util.Optional;

/**
 * When the department put its ALPR system into service ({@code platewatch.policy.implemented-on}), the day the audit
 * schedule counts from. It is a fact of the installation, not of the policy text, so it is a setting beside the
 * profile rather than a field of it.
 */
public final class Implementation {

    private final LocalDate configuredOn;

    Implementation(LocalDate configuredOn) {
        this.configuredOn = configuredOn;
    }

    /** The configured day; empty when the setting is absent (then the day the database was first migrated). */
    public Optional<LocalDate> configuredOn() {
        return Optional.ofNullable(configuredOn);
    }
}
