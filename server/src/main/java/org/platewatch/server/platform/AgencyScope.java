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
    private static final ThreadLocal<Boolean> HUB_WIDE = new ThreadLocal<>();

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

    /**
     * Runs maintenance that is the whole hub's by its nature (the detection purge, the hits' purge): the database
     * lets it see and delete every agency's reads, alerts and searches, and insert or change none (V70). Only those
     * jobs call this; a member's or a device's request never does.
     */
    public static <T> T hubWide(Supplier<T> work) {
        Boolean before = HUB_WIDE.get();
        HUB_WIDE.set(Boolean.TRUE);
        try {
            return work.get();
        } finally {
            if (before == null) {
                HUB_WIDE.remove();
            } else {
                HUB_WIDE.set(before);
            }
        }
    }

    /** What {@link AgencyScopedDataSource} hands PostgreSQL: {@code hub}, an agency's id, or empty for none. */
    static String setting() {
        if (Boolean.TRUE.equals(HUB_WIDE.get())) {
            return "hub";
        }
        return current().map(a -> Integer.toString(a.value())).orElse("");
    }

    public static void actingFor(AgencyId agency, Runnable work) {
        actingFor(agency, () -> {
            work.run();
            return null;
        });
    }
}
