package org.platewatch.server.alert;

import java.time.Duration;
import org.platewatch.server.platform.ClusterJobs;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Purges hits every {@code platewatch.alert.purge-interval}, once per interval across the servers of a cluster. */
@Component
class AlertRetentionSchedule {

    private final AlertRetention retention;
    private final ClusterJobs jobs;
    private final Duration interval;

    AlertRetentionSchedule(
            AlertRetention retention,
            ClusterJobs jobs,
            @Value("${platewatch.alert.purge-interval:6h}") Duration interval) {
        this.retention = retention;
        this.jobs = jobs;
        this.interval = interval;
    }

    @Scheduled(fixedDelayString = "${platewatch.alert.purge-interval:6h}", initialDelayString = "10m")
    void purge() {
        jobs.runOncePer("alert-purge", interval, retention::purge);
    }
}
