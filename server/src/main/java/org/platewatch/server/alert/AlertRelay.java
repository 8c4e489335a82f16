package org.platewatch.server.alert;

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
            notices.send(CHANNEL, RAISED + " " + event.alert().id());
        } else {
            stream.pushRaised(event.alert());
        }
    }

    @EventListener
    void onAlertUpdated(AlertUpdated event) {
        if (clustered) {
            notices.send(CHANNEL, UPDATED + " " + event.alert().id());
        } else {
            stream.pushUpdated(event.alert());
        }
    }

    private void received(String payload) {
        String[] parts = payload.split(" ", 2);
        long id;
        try {
            id = Long.parseLong(parts[1]);
        } catch (RuntimeException e) {
            log.warn("An alert notice that names no alert was ignored");
            return;
        }
        queries.forPush(id).ifPresent(alert -> {
            if (RAISED.equals(parts[0])) {
                stream.pushRaised(alert);
            } else if (UPDATED.equals(parts[0])) {
                stream.pushUpdated(alert);
            }
        });
    }
}
