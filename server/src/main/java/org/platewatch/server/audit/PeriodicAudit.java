package org.platewatch.server.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A periodic audit as started: the period it covers, the window its sample was drawn from, and how it was drawn.
 *
 * @param periodFrom  the start of the period under audit (the previous audit's completion, or the implementation day)
 * @param sampleFrom  the window of searches the sample was drawn from, {@code [sampleFrom, sampleTo)}
 * @param population  how many searches were in the window
 * @param seed        the seed of the draw (from {@code SecureRandom}), so the draw can be re-done from the window
 */
record PeriodicAudit(
        UUID id,
        String startedBy,
        Instant startedAt,
        Instant periodFrom,
        Instant sampleFrom,
        Instant sampleTo,
        int population,
        int sampleSize,
        long seed,
        LocalDate dueOn,
        String completedBy,
        Instant completedAt) {

    boolean completed() {
        return completedAt != null;
    }
}
