package org.platewatch.server.platform;

import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The agency the current thread acts for, which {@link AgencyScopedDataSource} hands to PostgreSQL on every
 * connection in hub mode: the agency of the signed-in member or the uploading device, or the one that work without
 * a caller (a consumed Kafka batch, start-up) names with {@link #actingFor}. Empty when neither: in hub mode the
 * database then shows no per-agency row at all.
 */
public final class AgencyScope {

    private static final ThreadLocal<AgencyId> ACTING = new ThreadLocal<>();

    private AgencyScope() {}

    public static Optional<AgencyId> current() {
        AgencyId acting = ACTING.get();
        if (acting != null) {
            return Optional.of(acting);
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.isAuthenticated() && auth.getPrincipal() instanceof AgencyId.Owner owner) {
            return Optional.of(owner.agency());
        }
        return Optional.empty();
    }

    /** Runs {@code work} for {@code agency}, whoever is signed in; the scope before comes back afterwards. */
    public static <T> T actingFor(AgencyId agency, Supplier<T> work) {
        AgencyId before = ACTING.get();
        ACTING.set(agency);
        try {
            return work.get();
        } finally {
            if (before == null) {
                ACTING.remove();
            } else {
                ACTING.set(before);
            }
        }
    }

    public static void actingFor(AgencyId agency, Runnable work) {
        actingFor(agency, () -> {
            work.run();
            return null;
        });
    }
}
