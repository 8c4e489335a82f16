package org.platewatch.server.alert;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import org.platewatch.server.audit.AuditEvent;
import org.platewatch.server.audit.AuditLog;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.policy.DepartmentProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
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

    @Scheduled(fixedDelayString = "${platewatch.alert.purge-interval:6h}", initialDelayString = "10m")
    void purge() {
        profile.hitRetention().purgeAfter().ifPresent(this::purgeOlderThan);
    }

    /** Purges alerts raised before the start of the day that is {@code age} ago in the department's zone. */
    int purgeOlderThan(Period age) {
        LocalDate firstKept = LocalDate.now(clock.withZone(profile.zone())).minus(age);
        int purged = purgeRaisedBefore(firstKept.atStartOfDay(profile.zone()).toInstant());
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
