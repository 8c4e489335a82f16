package org.platewatch.server.sharing;

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

    FeedSchedule(FeedSender sender, FeedProperties settings) {
        this.sender = sender;
        this.settings = settings;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(sender::sendDue, settings.interval(), settings.interval()));
    }
}
