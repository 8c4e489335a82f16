package org.platewatch.server.transparency;

import java.time.Instant;

/**
 * Access audits completed, for the public page. The audit reports supply this as a bean once they exist; until then
 * {@link #NONE} answers "no audits recorded" (0, marked as not recorded).
 */
public interface AuditFigures {

    /** Whether completed audits are recorded anywhere to count from. */
    boolean recorded();

    /** Audits completed in [from, to). */
    long auditsCompleted(Instant from, Instant to);

    AuditFigures NONE = new AuditFigures() {
        @Override
        public boolean recorded() {
            return false;
        }

        @Override
        public long auditsCompleted(Instant from, Instant to) {
            return 0;
        }
    };
}
