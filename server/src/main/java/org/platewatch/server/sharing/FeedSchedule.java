package org.platewatch.server.sharing;

import org.platewatch.server.platform.ClusterJobs;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * The running server sends the feeds every {@code platewatch.sharing.feed.interval}; a one-shot CLI command never
 * does. A fixed delay, so a slow round (a centre timing out) is never overlapped by the next.
 */
@Component
@ConditionalOnWebApplication
class FeedSchedule implements SchedulingConfigurer {

    private final FeedSender sender;
    private final FeedProperties settings;
    private final ClusterJobs jobs;

    FeedSchedule(FeedSender sender, FeedProperties settings, ClusterJobs jobs) {
        this.jobs = jobs;
        this.sender = sender;
        this.settings = settings;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        // Once per interval across the servers of a cluster: two servers must not send the same batch.
        registrar.addFixedDelayTask(new FixedDelayTask(
                () -> jobs.runOncePer("sharing-feed", settings.interval(), sender::sendDue),
                settings.interval(),
                settings.interval()));
    }
}
