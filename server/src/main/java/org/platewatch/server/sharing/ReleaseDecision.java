package org.platewatch.server.sharing;

import java.time.Instant;
import java.util.UUID;

/** The administrator's or designee's one decision on a request; never changed. */
record ReleaseDecision(UUID requestId, Outcome outcome, String decidedBy, Instant decidedAt, String note) {

    enum Outcome {
        APPROVED,
        REFUSED
    }
}
