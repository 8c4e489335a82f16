package org.platewatch.server.sharing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the regional-centre feed sends ({@code platewatch.sharing.feed.*}).
 *
 * @param interval         how often the sender looks for reads to send
 * @param batchSize        reads in one batch (the ingest API takes at most 1,000 per request)
 * @param settle           how long a read waits after it was received before it is sent: an upload still in its
 *                         transaction may have a receipt time just before one already committed, and the feed
 *                         moves past what it sent by receipt time
 * @param maxDaysPerBatch  the most UTC capture days in one batch: the ingest API refuses an upload that would
 *                         create more day partitions than its {@code max-new-partitions} (3)
 * @param batchesPerRound  the most batches one round sends, so a long backlog does not hold the scheduler thread
 * @param attempts         tries of one batch in a round when the centre is unreachable or answers 5xx
 * @param backoff          the wait before the second try; it doubles for each further one
 * @param timeout          connection and answer timeout of one try
 * @param keyFile          the AES key that seals the centres' credentials; default {@code feed-credentials.key}
 *                         in the data directory
 * @param allowedHosts     the only host names a feed may send to (the centres the department has agreements
 *                         with), compared without regard to case; empty: any https host an administrator enters.
 *                         Set it in service: a stolen administrator session then cannot point a feed, and the
 *                         department's reads, at a host of its choosing, inside the network or out
 */
@ConfigurationProperties(prefix = "platewatch.sharing.feed")
record FeedProperties(
        @DefaultValue("1m") Duration interval,
        @DefaultValue("500") int batchSize,
        @DefaultValue("2m") Duration settle,
        @DefaultValue("3") int maxDaysPerBatch,
        @DefaultValue("20") int batchesPerRound,
        @DefaultValue("3") int attempts,
        @DefaultValue("2s") Duration backoff,
        @DefaultValue("30s") Duration timeout,
        Path keyFile,
        List<String> allowedHosts) {

    FeedProperties {
        if (batchSize < 1 || batchSize > 1000 || maxDaysPerBatch < 1 || batchesPerRound < 1 || attempts < 1) {
            throw new IllegalArgumentException("platewatch.sharing.feed: batch-size must be 1 to 1000, "
                    + "max-days-per-batch, batches-per-round and attempts at least 1");
        }
        allowedHosts = allowedHosts == null
                ? List.of()
                : allowedHosts.stream()
                        .map(h -> h.strip().toLowerCase(Locale.ROOT))
                        .filter(h -> !h.isEmpty())
                        .toList();
    }

    /** Whether a feed may send to {@code host}: it is listed, or nothing is. */
    boolean allowsHost(String host) {
        return allowedHosts.isEmpty() || (host != null && allowedHosts.contains(host.toLowerCase(Locale.ROOT)));
    }
}
