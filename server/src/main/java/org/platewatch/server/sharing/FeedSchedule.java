package org.platewatch.server.sharing;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.platewatch.server.platform.ClusterJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The running server sends the feeds every {@code platewatch.sharing.feed.interval}; a one-shot CLI command never
 * does. A fixed delay, so a slow round (a centre timing out) is never overlapped by the next.
 *
 * <p>On a thread of its own, not Spring's one scheduler thread: that thread also runs the purge, the next days'
 * detection partitions and the hot-list downloads, and a centre that answers slowly (each try may take the feed's
 * whole timeout, several batches a round) must never make a purge late or leave tomorrow without its partition.
 */
@Component
@ConditionalOnWebApplication
class FeedSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FeedSchedule.class);

    private final FeedSender sender;
    private final FeedProperties settings;
    private final ClusterJobs jobs;
    private ScheduledExecutorService thread;

    FeedSchedule(FeedSender sender, FeedProperties settings, ClusterJobs jobs) {
        this.jobs = jobs;
        this.sender = sender;
        this.settings = settings;
    }

    @Override
    public synchronized void start() {
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "regional-feed");
            t.setDaemon(true);
            return t;
        });
        long every = settings.interval().toMillis();
        // round() lets nothing escape, so the future would only ever tell of the shutdown: not kept
        var unused = thread.scheduleWithFixedDelay(this::round, every, every, TimeUnit.MILLISECONDS);
    }

    /** One round; whatever it throws is logged, and the next round still comes (an executor stops on an escape). */
    private void round() {
        try {
            // Once per interval across the servers of a cluster: two servers must not send the same batch.
            jobs.runOncePer("sharing-feed", settings.interval(), sender::sendDue);
        } catch (RuntimeException e) {
            log.warn("Regional feed round failed: {}", e.getClass().getName());
        }
    }

    @Override
    public synchronized void stop() {
        if (thread != null) {
            thread.shutdownNow();
            thread = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return thread != null;
    }
}
