package org.platewatch.server.sharing;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.platewatch.server.audit.AuditEvent;
import org.platewatch.server.audit.AuditLog;
import org.platewatch.server.platform.Actor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Puts a sent batch on file and moves the feed's mark past it, in one transaction with its audit row. Until this
 * commits the batch counts as unsent: a crash after the centre stored it re-sends the same reads, which the centre
 * counts as duplicates.
 */
@Component
class FeedBatches {

    /** A batch as it was sent and answered. */
    record Sent(List<FeedRead> reads, FeedClient.Answer answer, int attempts) {}

    private final FeedStore store;
    private final AuditLog audit;
    private final Clock clock;

    FeedBatches(FeedStore store, AuditLog audit, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * @param before the feed as it was when the reads were chosen
     * @return the batch on file, or null when the mark had moved meanwhile (another sender recorded these reads)
     */
    @Transactional
    FeedBatch record(Feed before, Sent sent) {
        Feed feed = store.feedForUpdate(before.agreementId()).orElseThrow();
        if (!Objects.equals(feed.sentReadId(), before.sentReadId())) {
            return null;
        }
        FeedBatch batch = batch(feed.agreementId(), store.nextBatchNumber(feed.agreementId()), sent);
        store.record(batch);
        FeedRead last = sent.reads().get(sent.reads().size() - 1);
        switch (batch.outcome()) {
            case DELIVERED -> {
                store.moved(feed.agreementId(), last, batch.reads());
                audit.record(
                        Actor.SYSTEM,
                        AuditEvent.of("sharing.feed-batch-sent", "agreement:" + feed.agreementId())
                                .withTerms("batch=" + batch.batchNumber() + ", reads=" + batch.reads() + ", new="
                                        + batch.accepted() + ", duplicates=" + batch.duplicates() + ", first="
                                        + batch.firstReadId() + ", last=" + batch.lastReadId()));
            }
            case REFUSED -> {
                store.moved(feed.agreementId(), last, 0);
                store.failed(
                        feed.agreementId(),
                        "batch " + batch.batchNumber() + " refused: " + batch.detail(),
                        batch.sentAt());
            }
            case UNDELIVERED -> store.failed(feed.agreementId(), batch.detail(), batch.sentAt());
        }
        return batch;
    }

    private FeedBatch batch(long agreementId, int number, Sent sent) {
        List<FeedRead> reads = sent.reads();
        FeedBatch.Outcome outcome;
        Integer accepted = null;
        Integer duplicates = null;
        String detail = null;
        if (sent.answer() instanceof FeedClient.Delivered d) {
            outcome = FeedBatch.Outcome.DELIVERED;
            accepted = d.accepted();
            duplicates = d.duplicates();
        } else if (sent.answer() instanceof FeedClient.Refused r) {
            outcome = FeedBatch.Outcome.REFUSED;
            detail = r.detail();
        } else {
            outcome = FeedBatch.Outcome.UNDELIVERED;
            detail = ((FeedClient.Unavailable) sent.answer()).reason();
        }
        return new FeedBatch(
                agreementId,
                number,
                reads.get(0).readId(),
                reads.get(reads.size() - 1).readId(),
                reads.size(),
                clock.instant(),
                sent.answer().status(),
                sent.attempts(),
                outcome,
                accepted,
                duplicates,
                detail);
    }
}
