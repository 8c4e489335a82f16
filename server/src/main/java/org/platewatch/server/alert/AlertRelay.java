package org.platewatch.server.alert;

import org.platewatch.server.platform.AgencyId;
import org.platewatch.server.platform.AgencyScope;
import org.platewatch.server.platform.Cluster;
import org.platewatch.server.platform.DatabaseNotices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Takes each committed alert and change to the live streams. A single server pushes to its own consoles; in a
 * cluster ({@code platewatch.cluster.enabled}) the raising server sends a notice naming the alert (PostgreSQL
 * NOTIFY, never the alert itself) and every server, the raising one included, reads the alert and pushes it to the
 * consoles connected to it: each console gets each alert once, whichever server it is connected to.
 *
 * <p>In hub mode the notice also names the agency the alert was raised or changed for (the acting one on the
 * sending thread): the receiving server reads the alert and pushes it acting for that agency, so the database shows
 * it (row-level security) and the stream sends it to that agency's members alone. A notice without an agency reads
 * no alert in hub mode (fail closed).
 */
@Component
class AlertRelay {

    static final String CHANNEL = "platewatch_alerts";
    private static final String RAISED = "alert";
    private static final String UPDATED = "alert-updated";
    private static final Logger log = LoggerFactory.getLogger(AlertRelay.class);

    private final AlertStream stream;
    private final AlertQueries queries;
    private final DatabaseNotices notices;
    private final boolean clustered;

    AlertRelay(AlertStream stream, AlertQueries queries, Cluster cluster, DatabaseNotices notices) {
        this.stream = stream;
        this.queries = queries;
        this.notices = notices;
        this.clustered = cluster.enabled();
        if (clustered) {
            notices.listen(CHANNEL, (payload, fromHere) -> received(payload));
        }
    }

    @EventListener
    void onAlertRaised(AlertRaised event) {
        if (clustered) {
            notices.send(CHANNEL, notice(RAISED, event.alert().id()));
        } else {
            stream.pushRaised(event.alert());
        }
    }

    @EventListener
    void onAlertUpdated(AlertUpdated event) {
        if (clustered) {
            notices.send(CHANNEL, notice(UPDATED, event.alert().id()));
        } else {
            stream.pushUpdated(event.alert());
        }
    }

    /** {@code alert 42} or, with an agency acting, {@code alert 42 3}: ids only, never the alert itself. */
    static String notice(String kind, long alertId) {
        return kind + " " + alertId
                + AgencyScope.current().map(a -> " " + a.value()).orElse("");
    }

    private void received(String payload) {
        String[] parts = payload.split(" ", 3);
        long id;
        AgencyId agency;
        try {
            id = Long.parseLong(parts[1]);
            agency = parts.length > 2 ? new AgencyId(Integer.parseInt(parts[2])) : null;
        } catch (RuntimeException e) {
            log.warn("An alert notice that names no alert was ignored");
            return;
        }
        if (agency == null) {
            push(parts[0], id);
        } else {
            AgencyScope.actingFor(agency, () -> push(parts[0], id));
        }
    }

    private void push(String kind, long id) {
        queries.forPush(id).ifPresent(alert -> {
            if (RAISED.equals(kind)) {
                stream.pushRaised(alert);
            } else if (UPDATED.equals(kind)) {
                stream.pushUpdated(alert);
            }
        });
    }
}
