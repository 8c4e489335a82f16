package org.platewatch.server.alert;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.platewatch.server.audit.AuditEvent;
import org.platewatch.server.audit.AuditLog;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.reads.DetectionStore;
import org.platewatch.server.users.UserAccount;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reading alerts: one, a page of them, the per-camera quality. An alert carries the plate, the place, the
 * vehicle and the image, so every read of alerts is audited in the same transaction as the read.
 */
@Service
class AlertQueries {

    private final AlertStore store;
    private final DetectionStore detections;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final AlertProperties properties;
    private final CletsScreen clets;

    AlertQueries(
            AlertStore store,
            DetectionStore detections,
            AuditLog audit,
            TransactionTemplate tx,
            AlertProperties properties,
            CletsScreen clets) {
        this.clets = clets;
        this.store = store;
        this.detections = detections;
        this.audit = audit;
        this.tx = tx;
        this.properties = properties;
    }

    /** One alert for the member (a CLETS-derived hit as {@link CletsScreen} says), audited ({@code alert.viewed}). */
    Optional<Alert> view(UserAccount member, long id) {
        boolean cleared = clets.cleared(member);
        return tx.execute(status -> {
            Optional<Alert> alert =
                    store.find(id).map(this::withTransitions).map(a -> CletsScreen.asSeenBy(a, cleared));
            alert.ifPresent(a ->
                    audit.record(member.actor(), new AuditEvent("alert.viewed", "alert:" + id, null, null, null, 1)));
            return alert;
        });
    }

    /** The alert as the live stream pushes it (in full; the stream screens CLETS-derived hits per member). */
    Optional<Alert> forPush(long id) {
        return store.find(id).map(this::withTransitions);
    }

    /** One page of alerts, newest first, with the total, audited ({@code alert.listed}). */
    Listing list(UserAccount member, String state, int page) {
        AlertState filter = state == null || state.isBlank() ? null : parseState(state);
        if (page < 0) {
            throw ProblemException.invalid("page", "must be 0 or more");
        }
        boolean cleared = clets.cleared(member);
        return tx.execute(status -> {
            List<Alert> alerts = store.page(filter, page, properties.pageSize()).stream()
                    .map(this::withTransitions)
                    .map(a -> CletsScreen.asSeenBy(a, cleared))
                    .toList();
            long total = store.count(filter);
            audit.record(
                    member.actor(),
                    new AuditEvent(
                            "alert.listed",
                            "alerts",
                            "state=" + (filter == null ? "any" : filter.name()) + ", page=" + page,
                            null,
                            null,
                            alerts.size()));
            return new Listing(alerts, total);
        });
    }

    /** A page of alerts and how many match the filter in all. */
    record Listing(List<Alert> alerts, long total) {}

    List<AlertStore.CameraQuality> perCamera() {
        return store.perCamera();
    }

    /** Audits that the member opened the live stream ({@code alert.stream-opened}). */
    void recordStreamOpened(UserAccount member) {
        tx.executeWithoutResult(
                status -> audit.record(member.actor(), AuditEvent.of("alert.stream-opened", "alerts:stream")));
    }

    private Alert withTransitions(AlertStore.AlertRow row) {
        return row.alert(
                store.transitions(row.id()),
                detections.imageOf(row.read().readId()).isPresent(),
                clets.derived(row.hotlistId()));
    }

    private static AlertState parseState(String value) {
        try {
            return AlertState.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("state", "one of " + List.of(AlertState.values()));
        }
    }
}
