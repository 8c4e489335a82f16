package org.platewatch.server.transparency;

import java.time.Instant;
import java.util.List;

/**
 * Releases of data to other agencies, by agency type, for the public page. The sharing feature (its release ledger)
 * supplies this as a bean; until it exists, {@link #NONE} answers "no releases recorded" and the page says so rather
 * than showing a zero that looks measured.
 */
public interface ReleaseFigures {

    /** Whether a release ledger exists to count from. */
    boolean recorded();

    /** Releases made in [from, to), by agency type; empty when there were none (or no ledger). */
    List<KindCount> releasesByAgencyType(Instant from, Instant to);

    ReleaseFigures NONE = new ReleaseFigures() {
        @Override
        public boolean recorded() {
            return false;
        }

        @Override
        public List<KindCount> releasesByAgencyType(Instant from, Instant to) {
            return List.of();
        }
    };
}
