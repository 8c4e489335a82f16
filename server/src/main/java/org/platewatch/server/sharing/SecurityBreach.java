package org.platewatch.server.sharing;

import java.time.Instant;
import java.util.List;

/**
 * A security breach as recorded: what happened, when it was found, the window it spans, the data and members it
 * concerns, and its notification and post-breach steps. Closed once every step is done.
 *
 * @param subjects the data concerned, as the audit log names it ({@code agency:7}, {@code read:ID},
 *                 {@code search:ID}, {@code release-request:ID}, ...)
 */
record SecurityBreach(
        long id,
        String summary,
        Instant foundAt,
        Instant windowFrom,
        Instant windowTo,
        String dataConcerned,
        List<String> members,
        List<String> subjects,
        String recordedBy,
        Instant recordedAt,
        String closedBy,
        Instant closedAt,
        List<Step> steps) {

    /** A notification (of the people and bodies the law names) or a post-breach step (a password reset, ...). */
    record Step(
            long id,
            StepKind kind,
            String description,
            String addedBy,
            Instant addedAt,
            String doneBy,
            Instant doneAt) {}

    enum StepKind {
        NOTIFICATION,
        REMEDIATION
    }

    public boolean closed() {
        return closedAt != null;
    }
}
