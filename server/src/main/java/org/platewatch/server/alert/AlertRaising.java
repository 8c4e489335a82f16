package org.platewatch.server.alert;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.platewatch.plate.hotlist.HotlistMatch;
import org.platewatch.server.audit.AuditEvent;
import org.platewatch.server.audit.AuditLog;
import org.platewatch.server.hotlist.HotlistEntryView;
import org.platewatch.server.hotlist.HotlistFreshness;
import org.platewatch.server.hotlist.Hotlists;
import org.platewatch.server.ingest.Device;
import org.platewatch.server.reads.DetectionStore;
import org.platewatch.server.reads.NewDetection;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The raise step: stores the alert for a read and a match with the snapshots of both, in its own
 * transaction with its audit row, idempotently (one per read and entry). The alert it returns is built
 * from what it inserted, never read back. The commit does not wait for the disk
 * ({@link AlertStore#commitWithoutWaitingForDisk}): the re-match covers the crash it does not survive.
 */
@Service
class AlertRaising {

    private final AlertStore store;
    private final Hotlists hotlists;
    private final HotlistFreshness freshness;
    private final DetectionStore detections;
    private final AuditLog audit;
    private final TransactionTemplate ownTx;
    private final Clock clock;

    AlertRaising(
            AlertStore store,
            Hotlists hotlists,
            HotlistFreshness freshness,
            DetectionStore detections,
            AuditLog audit,
            TransactionTemplate tx,
            Clock clock) {
        this.store = store;
        this.hotlists = hotlists;
        this.freshness = freshness;
        this.detections = detections;
        this.audit = audit;
        // Its own transaction even when called inside another: one alert's failure never undoes another's.
        this.ownTx = new TransactionTemplate(tx.getTransactionManager());
        this.ownTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** The committed alert for this read and match; empty when the read had raised it already. */
    Optional<Alert> raise(Device device, NewDetection read, HotlistMatch match) {
        Optional<HotlistEntryView> details = hotlists.entry(match.entry().id());
        boolean external = details.map(d -> !"custom".equals(d.list())).orElse(true);
        boolean stale =
                details.map(d -> freshness.isStale(d.listAsOf(), external)).orElse(false);
        var entry = match.entry();
        AlertStore.NewAlert alert = new AlertStore.NewAlert(
                entry.id(),
                details.map(HotlistEntryView::hotlistId).orElse(0L),
                entry.platePattern(),
                entry.state() == null ? null : entry.state().name(),
                match.kind(),
                now(),
                ReadSnapshot.of(device, read),
                EntrySnapshot.of(match, details.orElse(null), stale),
                AlertChecks.of(match, read));
        Optional<Long> id = ownTx.execute(status -> {
            store.commitWithoutWaitingForDisk();
            Optional<Long> inserted = store.insert(alert);
            inserted.ifPresent(alertId -> audit.record(
                    device.actor(),
                    AuditEvent.of("alert.raised", "alert:" + alertId)
                            .withTerms("read=" + read.readId() + ", entry=" + entry.id() + ", kind=" + match.kind()
                                    + (stale ? ", listStale=true" : ""))));
            return inserted;
        });
        boolean cletsDerived = hotlists.cletsDerived(alert.hotlistId());
        return id.map(alertId -> raised(alertId, alert, cletsDerived));
    }

    /** Now, as PostgreSQL stores it (microseconds), so the alert pushed is the alert a later read returns. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private Alert raised(long id, AlertStore.NewAlert a, boolean cletsDerived) {
        boolean hasImage = detections.imageOf(a.read().readId()).isPresent();
        return new Alert(
                id,
                AlertState.ALERT,
                a.raisedAt(),
                a.matchKind(),
                Alert.Read.of(a.read(), hasImage),
                a.entry(),
                a.checks(),
                List.of(),
                null,
                null,
                cletsDerived,
                null);
    }
}
