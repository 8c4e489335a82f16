package org.platewatch.server.alert;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.platewatch.plate.hotlist.HotlistMatch;
import org.platewatch.plate.hotlist.MatchKind;
import org.platewatch.plate.VehicleDescription;
import org.platewatch.server.hotlist.HotlistMatcher;
import org.platewatch.server.ingest.Device;
import org.platewatch.server.ingest.ReadsIngested;
import org.platewatch.server.reads.NewDetection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The match step of the read pipeline: every read of a committed batch against the hot lists in
 * force, an alert per match, pushed live. Runs in the upload request; a failure here is logged by id
 * and never fails the upload, whose reads are stored already. Log lines carry ids, never plate text.
 */
@Component
class AlertRaiser {

    private static final Logger log = LoggerFactory.getLogger(AlertRaiser.class);

    private final HotlistMatcher matcher;
    private final Alerts alerts;
    private final AlertStream stream;
    private final ApplicationEventPublisher events;
    private final AlertProperties.ConfusablePolicy confusable;

    AlertRaiser(HotlistMatcher matcher, Alerts alerts, AlertStream stream, ApplicationEventPublisher events,
            AlertProperties properties) {
        this.confusable = properties.confusableMatches();
        this.matcher = matcher;
        this.alerts = alerts;
        this.stream = stream;
        this.events = events;
    }

    @EventListener
    void onReadsIngested(ReadsIngested event) {
        for (NewDetection read : event.reads()) {
            List<HotlistMatch> matches = matcher.match(read.plate(), read.state(), vehicleOf(read));
            for (int i = 0; i < matches.size(); i++) {
                HotlistMatch match = matches.get(i);
                try {
                    raise(event.device(), read, match);
                } catch (RuntimeException e) {
                    log.error("Could not raise the alert for read {} on hot-list entry {}: {}; the re-match "
                            + "raises it later", read.readId(), match.entry().id(), e.getClass().getSimpleName());
                }
            }
        }
    }

    /** What the camera saw of the vehicle, as the matcher compares it (make, model and colour). */
    static VehicleDescription vehicleOf(NewDetection read) {
        return read.vehicle();
    }

    /**
     * Raises, pushes and announces the alert for the read and match, unless the confusable policy says
     * otherwise; false when it was not raised (ignored, or raised already).
     */
    boolean raise(Device device, NewDetection read, HotlistMatch match) {
        boolean isConfusable = match.kind() == MatchKind.CONFUSABLE;
        if (isConfusable && confusable == AlertProperties.ConfusablePolicy.IGNORE) {
            return false;
        }
        Optional<Map<String, Object>> raised = alerts.raise(device, read, match);
        raised.ifPresent(alert -> {
            if (!isConfusable || confusable == AlertProperties.ConfusablePolicy.PUSH) {
                stream.publishRaised(alert);
            }
            events.publishEvent(new AlertRaised((Long) alert.get("id"), match.kind().name(), alert));
            log.info("Alert {} raised: read {} on hot-list entry {} ({})", alert.get("id"),
                    read.readId(), match.entry().id(), match.kind());
        });
        return raised.isPresent();
    }
}
