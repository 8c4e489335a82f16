package org.platewatch.server.hotlist;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.platewatch.server.policy.DepartmentProfile;
import org.springframework.stereotype.Component;

/**
 * How old each external list in force is, against the profile's {@code hotlists().maxAge()}. The
 * console calls {@link #report()} (or {@code GET /api/v1/hotlists/freshness}); the health endpoint
 * turns a stale list into status {@code STALE}.
 */
@Component
public class HotlistFreshness {

    private final HotlistStore store;
    private final DepartmentProfile profile;
    private final Clock clock;

    HotlistFreshness(HotlistStore store, DepartmentProfile profile, Clock clock) {
        this.store = store;
        this.profile = profile;
        this.clock = clock;
    }

    /**
     * One external list's age.
     *
     * @param asOf       the date of the data in force; null when nothing was ever loaded
     * @param age        now minus {@code asOf}; null when nothing was ever loaded
     * @param stale      older than {@code maxAge}, or never loaded
     * @param lastError  why the last download or import failed, if it did
     */
    public record ListFreshness(
            long id,
            String code,
            String name,
            Instant asOf,
            Duration age,
            Duration maxAge,
            boolean stale,
            String lastError) {}

    public List<ListFreshness> report() {
        Instant now = clock.instant();
        Duration maxAge = profile.hotlists().maxAge();
        return store.lists().stream()
                .filter(h -> h.active() && h.external())
                .map(h -> {
                    Duration age = h.asOf() == null ? null : Duration.between(h.asOf(), now);
                    boolean stale = age == null || age.compareTo(maxAge) > 0;
                    return new ListFreshness(
                            h.id(),
                            h.code(),
                            h.name(),
                            h.asOf(),
                            age,
                            maxAge,
                            stale,
                            SecretMasking.mask(h.lastError()));
                })
                .toList();
    }

    /** True when some external list in force is older than the profile allows (or was never loaded). */
    public boolean anyStale() {
        return report().stream().anyMatch(ListFreshness::stale);
    }

    /** Whether the list a match came from is stale now; custom lists never are. */
    public boolean isStale(Instant listAsOf, boolean external) {
        return external
                && (listAsOf == null
                        || Duration.between(listAsOf, clock.instant())
                                        .compareTo(profile.hotlists().maxAge())
                                > 0);
    }
}
