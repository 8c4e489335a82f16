package org.platewatch.server.retention;

import org.springframework.context.ApplicationContext;

/** The purge's schedule of a server started by a test in another package (the schedule is package-private). */
public final class PurgeScheduleAccess {

    private final PurgeSchedule schedule;

    public PurgeScheduleAccess(ApplicationContext server) {
        this.schedule = server.getBean(PurgeSchedule.class);
    }

    /** As the scheduler runs it: once per cron time across the cluster; true if this server purged. */
    public boolean runOnceInCluster() {
        return schedule.runOnceInCluster();
    }
}
