package org.platewatch.server.alert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.platewatch.plate.hotlist.HotlistMatch;
import org.platewatch.server.hotlist.Hotlist;
import org.platewatch.server.hotlist.HotlistEntryView;
import org.platewatch.server.hotlist.Hotlists;
import org.platewatch.server.ingest.Device;
import org.platewatch.server.ingest.DeviceRegistry;
import org.platewatch.server.platform.AgencyScope;
import org.platewatch.server.platform.ClusterJobs;
import org.platewatch.server.reads.DetectionStore;
import org.platewatch.server.reads.NewDetection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The safety net of the match step: {@link AlertRaiser} runs after the reads committed, so a failure
 * there (a database hiccup, a restart) would lose the hit for good. Every
 * {@code platewatch.alert.rematch-interval} the reads received in the last {@code rematch-window} are
 * matched again, and a match that has no alert yet is raised through the same path (idempotent: one
 * alert per read and entry). Only entries already in force when the read arrived count, so a list
 * imported later does not raise alerts on earlier reads. Reads uploaded more than a day after
 * capture are not looked at (the query stays on the recent partitions).
 */
@Component
class AlertRematch {

    private static final Logger log = LoggerFactory.getLogger(AlertRematch.class);

    private final AlertStore store;
    private final Hotlists hotlists;
    private final DeviceRegistry devices;
    private final AlertRaiser raiser;
    private final AlertProperties properties;
    private final Clock clock;
    private final DetectionStore detections;
    private final ClusterJobs jobs;

    AlertRematch(
            AlertStore store,
            Hotlists hotlists,
            DeviceRegistry devices,
            AlertRaiser raiser,
            AlertProperties properties,
            Clock clock,
            DetectionStore detections,
            ClusterJobs jobs) {
        this.jobs = jobs;
        this.store = store;
        this.hotlists = hotlists;
        this.devices = devices;
        this.raiser = raiser;
        this.properties = properties;
        this.clock = clock;
        this.detections = detections;
    }

    private record RecentRead(NewDetection read, UUID deviceId, Instant receivedAt) {}

    /** The scheduled re-match: once per {@code rematch-interval} across the servers of a cluster. */
    @Scheduled(
            fixedDelayString = "${platewatch.alert.rematch-interval:2m}",
            initialDelayString = "${platewatch.alert.rematch-interval:2m}")
    void scheduledRematch() {
        jobs.runOncePer("alert-rematch", properties.rematchInterval(), this::rematch);
    }

    /**
     * Raises the alerts the match step missed; returns how many. In hub mode the recent reads and the alerts
     * raised are read hub-wide ({@link AgencyScope#hubWide}, which may read and not write), and each read is then
     * matched, checked and raised acting for its device's agency: against the hub-wide lists and that agency's own
     * entries, its alert that agency's, pushed to that agency's consoles alone.
     */
    int rematch() {
        Instant since = clock.instant().minus(properties.rematchWindow());
        int raised = 0;
        try {
            Set<String> alerted = AgencyScope.hubWide(() -> store.raisedSince(since.minus(Duration.ofDays(1))));
            for (RecentRead r : AgencyScope.hubWide(() -> recentReads(since))) {
                Optional<Device> device = devices.find(r.deviceId());
                if (device.isPresent()) {
                    raised += AgencyScope.actingFor(device.get().agency(), () -> rematch(device.get(), r, alerted));
                }
            }
        } catch (RuntimeException e) {
            log.error(
                    "Alert re-match failed ({}); it runs again in {}",
                    e.getClass().getSimpleName(),
                    properties.rematchInterval());
        }
        return raised;
    }

    /** The alerts missed on one read, raised for its device's agency (the acting one). */
    private int rematch(Device device, RecentRead r, Set<String> alerted) {
        int raised = 0;
        for (HotlistMatch match : raiser.match(r.read(), device.agency())) {
            if (alerted.contains(r.read().readId() + ":" + match.entry().id())
                    || !inForceWhenReceived(match, r.receivedAt())) {
                continue;
            }
            Optional<Alert> alert = raiser.raise(device, r.read(), match);
            if (alert.isPresent()) {
                raiser.push(alert.get());
                raised++;
                log.warn(
                        "Alert for read {} on hot-list entry {} raised by the re-match: the match step had missed it",
                        r.read().readId(),
                        match.entry().id());
            }
        }
        return raised;
    }

    private boolean inForceWhenReceived(HotlistMatch match, Instant receivedAt) {
        Optional<HotlistEntryView> entry = hotlists.entry(match.entry().id());
        if (entry.isEmpty()) {
            return false;
        }
        Instant since = "custom".equals(entry.get().list())
                ? entry.get().approvedAt()
                : hotlists.find(entry.get().hotlistId()).map(Hotlist::loadedAt).orElse(null);
        return since != null && !since.isAfter(receivedAt);
    }

    private List<RecentRead> recentReads(Instant since) {
        return detections.receivedSince(since).stream()
                .map(r -> new RecentRead(r.detection(), r.deviceId(), r.receivedAt()))
                .toList();
    }
}
