package org.platewatch.server.alert;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import org.platewatch.server.audit.AuditEvent;
import org.platewatch.server.audit.AuditLog;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.platform.AgencyScope;
import org.platewatch.server.policy.DepartmentProfile;
import org.platewatch.server.policy.PurgeCalendar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Alerts and their outcomes follow the profile's {@code hitRetention()}, not the detections' purge:
 * they live in their own tables and go when their own age is reached (never, for Hayward). Legal holds
 * are the retention feature's; until it offers them to this job, nothing here knows of them.
 */
@Component
class AlertRetention {

    private static final Logger log = LoggerFactory.getLogger(AlertRetention.class);

    private final AlertStore store;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final DepartmentProfile profile;
    private final Clock clock;

    AlertRetention(AlertStore store, AuditLog audit, TransactionTemplate tx, DepartmentProfile profile, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.tx = tx;
        this.profile = profile;
        this.clock = clock;
    }

    /** Run by {@link AlertRetentionSchedule}. */
    void purge() {
        PurgeCalendar.forHits(profile).ifPresent(this::purge);
    }

    /**
     * Purges the alerts whose day is due today in the department's zone: an alert raised on local day D goes on
     * {@code D + hitRetention}, San Leandro's on its 366th day (the purge before issue 17 kept it one day more).
     */
    int purge(PurgeCalendar calendar) {
        LocalDate today = LocalDate.now(clock.withZone(calendar.zone()));
        // In hub mode every agency's hits go by the hub's one hit retention (per-agency retention is not built).
        int purged = AgencyScope.hubWide(() -> purgeRaisedBefore(calendar.dueBefore(today)));
        if (purged > 0) {
            log.info("Purged {} alerts past the hit retention", purged);
        }
        return purged;
    }

    /** Purges alerts raised before the cutoff, with one audit record in the same transaction; returns how many. */
    private int purgeRaisedBefore(Instant cutoff) {
        Integer n = tx.execute(status -> {
            int purged = store.purgeRaisedBefore(cutoff);
            if (purged > 0) {
                audit.record(
                        Actor.SYSTEM,
                        new AuditEvent(
                                "alert.purged",
                                "alerts",
                                "raisedBefore=" + cutoff + ", hitRetention="
                                        + profile.hitRetention().describe(),
                                null,
                                null,
                                purged));
            }
            return purged;
        });
        return n == null ? 0 : n;
    }
}
