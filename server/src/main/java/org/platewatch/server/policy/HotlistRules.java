package org.platewatch.server.policy;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Hot-list rules.
 *
 * @param allowedSources  the source kinds the department may load
 * @param maxAge          the oldest an imported list may be before matches against it are flagged stale
 * @param customEntries   rules for member-made entries
 */
public record HotlistRules(Set<HotlistSource> allowedSources, Duration maxAge, CustomEntryRules customEntries) {

    public HotlistRules {
        if (allowedSources == null || allowedSources.isEmpty()) {
            throw new IllegalArgumentException("a profile allows at least one hot-list source");
        }
        allowedSources = Collections.unmodifiableSet(EnumSet.copyOf(allowedSources));
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("hot-list maximum age must be positive");
        }
        Objects.requireNonNull(customEntries, "customEntries");
    }

    public boolean allows(HotlistSource source) {
        return allowedSources.contains(source);
    }
}
