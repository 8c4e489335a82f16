package org.platewatch.server.sharing;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One round of every active feed: while its agreement is in force ({@link FeedGate}), the reads after its mark, in
 * receipt order, go to the centre in batches; each batch is tried again with a growing wait when the centre is down
 * and is recorded ({@link FeedBatches}) before the next is chosen. A batch the centre refuses because of one read
 * is narrowed to that read, which is recorded as refused, so one bad read cannot stop the feed.
 */
@Component
class FeedSender {

    private static final Logger log = LoggerFactory.getLogger(FeedSender.class);

    private final FeedStore store;
    private final SharingStore sharing;
    private final FeedGate gate;
    private final FeedClient client;
    private final FeedCredentials credentials;
    private final FeedBatches batches;
    private final FeedProperties settings;
    private final Clock clock;

    FeedSender(
            FeedStore store,
            SharingStore sharing,
            FeedGate gate,
            FeedClient client,
            FeedCredentials credentials,
            FeedBatches batches,
            FeedProperties settings,
            Clock clock) {
        this.store = store;
        this.sharing = sharing;
        this.gate = gate;
        this.client = client;
        this.credentials = credentials;
        this.batches = batches;
        this.settings = settings;
        this.clock = clock;
    }

    /** Sends what is due on every active feed; returns the reads delivered. A failing feed does not stop others. */
    int sendDue() {
        int delivered = 0;
        for (long id : store.activeFeeds()) {
            try {
                delivered += send(id);
            } catch (RuntimeException e) {
                log.error(
                        "The feed of agreement {} stopped this round ({}); it is tried again in {}",
                        id,
                        e.getClass().getSimpleName(),
                        settings.interval());
                store.failed(id, stoppedBecause(e), clock.instant());
            }
        }
        return delivered;
    }

    /**
     * What the administrator sees on the feed's page. Only a {@link FeedStopped} message is shown as it is: another
     * exception's message may quote a database row, and with it plate text.
     */
    private static String stoppedBecause(RuntimeException e) {
        return e instanceof FeedStopped
                ? e.getMessage()
                : "stopped by an internal error (" + e.getClass().getSimpleName() + "); the server log has the time";
    }

    /** Up to {@code batches-per-round} batches of one feed; returns the reads delivered. */
    int send(long agreementId) {
        int delivered = 0;
        for (int i = 0; i < settings.batchesPerRound(); i++) {
            Feed feed = store.feed(agreementId).orElseThrow();
            Agreement agreement = sharing.agreement(agreementId).orElseThrow();
            Agency agency = sharing.agency(agreement.agencyId()).orElseThrow();
            FeedGate.Verdict verdict = gate.check(feed, agreement, agency);
            if (!verdict.sending()) {
                return delivered;
            }
            List<FeedRead> reads = withinDays(store.nextReads(feed, verdict.window(), settings.batchSize()));
            if (reads.isEmpty()) {
                return delivered;
            }
            FeedBatches.Sent sent = deliver(feed, reads);
            FeedBatch batch = batches.record(feed, sent);
            if (batch == null || batch.outcome() == FeedBatch.Outcome.UNDELIVERED) {
                if (batch != null) {
                    log.warn(
                            "Feed of agreement {}: batch {} not delivered after {} tries ({})",
                            agreementId,
                            batch.batchNumber(),
                            batch.attempts(),
                            batch.detail());
                }
                return delivered;
            }
            if (batch.outcome() == FeedBatch.Outcome.DELIVERED) {
                delivered += batch.reads();
            } else {
                log.warn("Feed of agreement {}: the centre refused read {}", agreementId, batch.firstReadId());
            }
        }
        return delivered;
    }

    /** The first reads of the batch that lie on at most {@code max-days-per-batch} UTC days. */
    private List<FeedRead> withinDays(List<FeedRead> reads) {
        Set<LocalDate> days = new HashSet<>();
        List<FeedRead> out = new ArrayList<>(reads.size());
        for (FeedRead r : reads) {
            if (days.add(LocalDate.ofInstant(r.capturedAt(), ZoneOffset.UTC))
                    && days.size() > settings.maxDaysPerBatch()) {
                break;
            }
            out.add(r);
        }
        return out;
    }

    /** Sends the reads, narrowing a refused batch down to what the centre takes or to the one read it refuses. */
    private FeedBatches.Sent deliver(Feed feed, List<FeedRead> reads) {
        if (!settings.allowsHost(java.net.URI.create(feed.ingestUrl()).getHost())) {
            // The list was narrowed after the feed was set up: nothing goes there until an administrator acts.
            throw new FeedStopped("the feed's address is no longer one the department allows feeds to"
                    + " (platewatch.sharing.feed.allowed-hosts); change the address or the setting");
        }
        String credential = credentials.open(feed.agreementId(), feed.ingestUrl(), feed.credentialSealed());
        List<FeedRead> batch = reads;
        while (true) {
            FeedBatches.Sent sent = tries(feed.ingestUrl(), credential, batch);
            if (!(sent.answer() instanceof FeedClient.Refused r) || batch.size() == 1) {
                return sent;
            }
            int at = r.readIndex();
            batch = at > 0 && at < batch.size()
                    ? batch.subList(0, at)
                    : batch.subList(0, at == 0 ? 1 : batch.size() / 2);
        }
    }

    private FeedBatches.Sent tries(String url, String credential, List<FeedRead> batch) {
        Duration wait = settings.backoff();
        int attempt = 1;
        while (true) {
            FeedClient.Answer answer = client.send(url, credential, batch);
            if (!(answer instanceof FeedClient.Unavailable u) || !u.retry() || attempt >= settings.attempts()) {
                return new FeedBatches.Sent(batch, answer, attempt);
            }
            attempt++;
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new FeedBatches.Sent(batch, answer, attempt - 1);
            }
            wait = wait.multipliedBy(2);
        }
    }
}
