package org.platewatch.server.alert;

import java.util.List;
import java.util.Optional;
import org.platewatch.plate.VehicleDescription;
import org.platewatch.plate.hotlist.HotlistMatch;
import org.platewatch.server.hotlist.HotlistMatcher;
import org.platewatch.server.ingest.Device;
import org.platewatch.server.ingest.ReadsIngested;
import org.platewatch.server.platform.AgencyId;
import org.platewatch.server.reads.NewDetection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The alert end of the read's path, after ingest committed the batch: match each read against the hot
 * lists in force → raise an alert per match ({@link AlertRaising}) → push it ({@link AlertRaised}, which
 * the live stream and anyone else listen to). Runs in the upload request; a failure here is logged by id
 * and never fails the upload, whose reads are stored already ({@link AlertRematch} raises what was missed).
 * Log lines carry ids, never plate text.
 */
@Component
class AlertRaiser {

    private static final Logger log = LoggerFactory.getLogger(AlertRaiser.class);

    private final HotlistMatcher matcher;
    private final AlertRaising raising;
    private final ApplicationEventPublisher events;
    private final AlertProperties properties;

    AlertRaiser(
            HotlistMatcher matcher,
            AlertRaising raising,
            ApplicationEventPublisher events,
            AlertProperties properties) {
        this.matcher = matcher;
        this.raising = raising;
        this.events = events;
        this.properties = properties;
    }

    @EventListener
    void onReadsIngested(ReadsIngested event) {
        for (NewDetection read : event.reads()) {
            for (HotlistMatch match : match(read, event.device().agency())) {
                raise(event.device(), read, match).ifPresent(this::push);
            }
        }
    }

    /**
     * The hot-list entries the read of {@code agency} matches (plate, state and, for vehicle-only entries, the
     * vehicle): the hub-wide lists' and the agency's own, never another agency's.
     */
    List<HotlistMatch> match(NewDetection read, AgencyId agency) {
        return matcher.match(read.plate(), read.state(), vehicleOf(read), agency);
    }

    /**
     * The alert for the read and match, committed; empty when the department ignores this kind of match,
     * when the read had raised it already, or when raising failed (logged; the re-match tries again).
     */
    Optional<Alert> raise(Device device, NewDetection read, HotlistMatch match) {
        if (!properties.raises(match.kind())) {
            return Optional.empty();
        }
        try {
            Optional<Alert> alert = raising.raise(device, read, match);
            alert.ifPresent(a -> log.info(
                    "Alert {} raised: read {} on hot-list entry {} ({})",
                    a.id(),
                    read.readId(),
                    match.entry().id(),
                    match.kind()));
            return alert;
        } catch (RuntimeException e) {
            log.error(
                    "Could not raise the alert for read {} on hot-list entry {}: {}; the re-match raises it later",
                    read.readId(),
                    match.entry().id(),
                    e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /** Announces the committed alert; the live stream pushes it to the consoles the policy says. */
    void push(Alert alert) {
        events.publishEvent(new AlertRaised(alert));
    }

    /** What the camera saw of the vehicle, as the matcher compares it (make, model and colour). */
    static VehicleDescription vehicleOf(NewDetection read) {
        return read.vehicle();
    }
}
