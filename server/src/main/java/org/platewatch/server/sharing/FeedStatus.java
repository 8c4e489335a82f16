package org.platewatch.server.sharing;

import java.time.Instant;
import java.util.List;

/**
 * What the API and the console show of a feed: its settings (the credential only as whether one is set), where
 * it stands, how far it has got and the last batches.
 *
 * @param backlog       reads waiting to be sent (capped; {@code backlogMore} says there are more)
 * @param recentBatches the last batches, newest first
 */
record FeedStatus(
        long agreementId,
        boolean configured,
        String ingestUrl,
        boolean credentialSet,
        Feed.FeedScope scope,
        Instant startsFrom,
        boolean active,
        FeedGate.FeedState state,
        String stateReason,
        long readsSent,
        long batches,
        long backlog,
        boolean backlogMore,
        FeedBatch lastBatch,
        String lastError,
        Instant lastErrorAt,
        String configuredBy,
        Instant configuredAt,
        String changedBy,
        Instant changedAt,
        List<FeedBatch> recentBatches) {

    static FeedStatus none(long agreementId) {
        return new FeedStatus(
                agreementId,
                false,
                null,
                false,
                null,
                null,
                false,
                null,
                "no feed is set up",
                0,
                0,
                0,
                false,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                List.of());
    }

    static FeedStatus of(
            Feed f, FeedGate.Verdict verdict, long backlog, boolean more, long batches, List<FeedBatch> recent) {
        return new FeedStatus(
                f.agreementId(),
                true,
                f.ingestUrl(),
                f.credentialSealed() != null,
                f.scope(),
                f.startsFrom(),
                f.active(),
                verdict.state(),
                verdict.why(),
                f.readsSent(),
                batches,
                backlog,
                more,
                recent.isEmpty() ? null : recent.get(0),
                f.lastError(),
                f.lastErrorAt(),
                f.configuredBy(),
                f.configuredAt(),
                f.changedBy(),
                f.changedAt(),
                recent);
    }
}
