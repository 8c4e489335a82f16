package org.platewatch.server.alert;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.platewatch.plate.hotlist.HotlistMatch;
import org.platewatch.server.audit.AuditEvent;
import org.platewatch.server.audit.AuditLog;
import org.platewatch.server.hotlist.HotlistEntryView;
import org.platewatch.server.hotlist.HotlistFreshness;
import org.platewatch.server.hotlist.HotlistQuality;
import org.platewatch.server.hotlist.Hotlists;
import org.platewatch.server.ingest.Device;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.platform.ProblemType;
import org.platewatch.server.policy.DepartmentProfile;
import org.platewatch.server.reads.DetectionStore;
import org.platewatch.server.reads.NewDetection;
import org.platewatch.server.users.MemberAccess;
import org.platewatch.server.users.Permission;
import org.platewatch.server.users.UserAccount;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Raising alerts and moving them through their life cycle ({@link AlertState}). Each alert is raised
 * in its own transaction, idempotently (one per read and entry); every transition, and every refused
 * one, is audited.
 */
@Service
public class Alerts {

    private final AlertStore store;
    private final Hotlists hotlists;
    private final HotlistFreshness freshness;
    private final HotlistQuality quality;
    private final DetectionStore detections;
    private final AuditLog audit;
    private final DepartmentProfile profile;
    private final TransactionTemplate tx;
    private final TransactionTemplate newTx;
    private final Clock clock;
    private final AlertProperties properties;
    private final MemberAccess access;

    Alerts(AlertStore store, Hotlists hotlists, HotlistFreshness freshness, HotlistQuality quality,
            DetectionStore detections, AuditLog audit, DepartmentProfile profile,
            TransactionTemplate tx, Clock clock, AlertProperties properties, MemberAccess access) {
        this.store = store;
        this.hotlists = hotlists;
        this.freshness = freshness;
        this.quality = quality;
        this.detections = detections;
        this.audit = audit;
        this.profile = profile;
        this.tx = tx;
        this.newTx = new TransactionTemplate(tx.getTransactionManager());
        this.newTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.properties = properties;
        this.access = access;
    }

    /** Raises the alert for this read and match, once; empty when the read had raised it already. */
    Optional<Map<String, Object>> raise(Device device, NewDetection read, HotlistMatch match) {
        Optional<HotlistEntryView> details = hotlists.entry(match.entry().id());
        boolean external = details.map(d -> !"custom".equals(d.list())).orElse(true);
        boolean stale = details.map(d -> freshness.isStale(d.listAsOf(), external)).orElse(false);
        Instant now = clock.instant();
        Optional<Long> id = newTx.execute(status -> {
            Optional<Long> inserted = store.insert(read.readId(), match.entry().id(), device.id(),
                    details.map(HotlistEntryView::hotlistId).orElse(0L), match.entry().platePattern(),
                    match.entry().state() == null ? null : match.entry().state().name(), match.kind().name(), now,
                    AlertJson.read(device, read), AlertJson.entry(match, details.orElse(null), stale),
                    AlertJson.checks(match, read));
            inserted.ifPresent(alertId -> audit.record(device.actor(), AuditEvent.of("alert.raised", "alert:" + alertId)
                    .withTerms("read=" + read.readId() + ", entry=" + match.entry().id() + ", kind=" + match.kind()
                            + (stale ? ", listStale=true" : ""))));
            return inserted;
        });
        return id.map(this::render);
    }

    /**
     * One alert for the member, audited ({@code alert.viewed}) in the same transaction as the read: an
     * alert carries the plate, the place, the vehicle and the image.
     */
    Optional<Map<String, Object>> view(UserAccount member, long id) {
        return tx.execute(status -> {
            Optional<Map<String, Object>> alert = store.find(id).map(this::render);
            alert.ifPresent(a -> audit.record(member.actor(), new AuditEvent("alert.viewed", "alert:" + id,
                    null, null, null, 1)));
            return alert;
        });
    }

    /** One page of alerts with the total, audited ({@code alert.listed}) in the same transaction as the read. */
    Listing list(UserAccount member, String state, int page) {
        AlertState filter = state == null || state.isBlank() ? null : parseState(state, "state");
        if (page < 0) {
            throw ProblemException.invalid("page", "must be 0 or more");
        }
        return tx.execute(status -> {
            List<Map<String, Object>> alerts = store.page(filter, page, properties.pageSize()).stream()
                    .map(this::render).toList();
            long total = store.count(filter);
            audit.record(member.actor(), new AuditEvent("alert.listed", "alerts",
                    "state=" + (filter == null ? "any" : filter.name()) + ", page=" + page, null, null, alerts.size()));
            return new Listing(alerts, total);
        });
    }

    /** A page of alerts and how many match the filter in all. */
    record Listing(List<Map<String, Object>> alerts, long total) {
    }

    /** Audits that the member opened the live stream ({@code alert.stream-opened}); runs in its own transaction. */
    void recordStreamOpened(UserAccount member) {
        tx.executeWithoutResult(status -> audit.record(member.actor(),
                AuditEvent.of("alert.stream-opened", "alerts:stream")));
    }

    private Map<String, Object> render(long id) {
        return store.find(id).map(this::render).orElseThrow();
    }

    private Map<String, Object> render(AlertStore.AlertRow row) {
        String image = detections.imageOf(row.readId()).isPresent() ? "/api/v1/reads/" + row.readId() + "/image" : null;
        return AlertJson.render(row, store.transitions(row.id()), image);
    }

    List<AlertStore.CameraQuality> perCamera() {
        return store.perCamera();
    }

    /** Moves the alert to {@code request.to()}, or refuses with a problem; refusals are audited too. */
    Map<String, Object> transition(long id, TransitionRequest request) {
        UserAccount member = requireMayActOnAlerts();
        AlertState to = parseState(request.to(), "to");
        try {
            tx.executeWithoutResult(status -> apply(id, to, request, member));
        } catch (ProblemException refused) {
            if (!refused.type().equals(ProblemType.NOT_FOUND)) {
                newTx.executeWithoutResult(status -> audit.record(member.actor(),
                        AuditEvent.of("alert.transition-refused", "alert:" + id)
                                .withTerms("to=" + to + ", reason=" + refused.type().slug())));
            }
            throw refused;
        }
        return render(id);
    }

    private void apply(long id, AlertState to, TransitionRequest r, UserAccount member) {
        AlertStore.AlertRow alert = store.lock(id)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "id", "No alert " + id));
        AlertState from = alert.state();
        if (!from.mayBecome(to)) {
            String why = to == AlertState.CONFIRMED
                    ? "; an alert is confirmed only after the visual checks (TENTATIVE) and the live query (QUERIED)"
                    : "";
            throw new ProblemException(AlertProblems.TRANSITION_NOT_ALLOWED, "to", "An alert in state " + from
                    + " cannot become " + to + "; it may become " + sorted(from.next()) + why);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        String outcome = null;
        String incident = null;
        switch (to) {
            case TENTATIVE -> {
                if (!Boolean.TRUE.equals(r.charactersVerified()) || !Boolean.TRUE.equals(r.stateVerified())
                        || !Boolean.TRUE.equals(r.vehicleVerified())) {
                    throw new ProblemException(AlertProblems.VERIFICATION_REQUIRED, "charactersVerified",
                            "TENTATIVE needs charactersVerified, stateVerified and vehicleVerified all true: the "
                                    + "officer has compared the plate's characters, its state and the vehicle with "
                                    + "the read's image");
                }
                details.put("charactersVerified", true);
                details.put("stateVerified", true);
                details.put("vehicleVerified", true);
            }
            case QUERIED -> {
                // The live query is a CLETS-derived action: it needs the account's CLETS authorisation.
                access.requireActive(member, Permission.QUERY_CLETS);
                details.put("system", r.system() == null || r.system().isBlank() ? "CLETS" : r.system().trim());
                details.put("result", required(r.result(), "result"));
                putIfPresent(details, "reference", r.reference());
            }
            case CONFIRMED -> {
                details.put("confirmedWith", required(r.confirmedWith(), "confirmedWith"));
                details.put("method", required(r.method(), "method"));
                putIfPresent(details, "reference", r.reference());
            }
            case NOT_CONFIRMED -> details.put("reason", required(r.reason(), "reason"));
            case MISREAD -> { }
            case CLEARED -> {
                StopOutcome o = parseOutcome(r.outcome());
                if (o.needsConfirmedHit() && from != AlertState.CONFIRMED) {
                    throw new ProblemException(AlertProblems.CONFIRMATION_REQUIRED, "outcome",
                            "outcome: " + o + " on a hit needs the hit CONFIRMED with the entering agency first "
                                    + "(NCIC hit confirmation); this alert is " + from);
                }
                outcome = o.name();
                incident = required(r.incidentNumber(), "incidentNumber");
                details.put("outcome", outcome);
                details.put("incidentNumber", incident);
            }
            case ALERT -> throw new IllegalStateException("no transition leads back to ALERT");
        }
        putIfPresent(details, "note", r.note());
        Instant now = clock.instant();
        String json = AlertJson.JSON.writeValueAsString(details);
        store.updateState(id, to, now, outcome, incident);
        store.insertTransition(id, from, to, member.username(), now, json);
        audit.record(member.actor(), new AuditEvent("alert.transition", "alert:" + id,
                "from=" + from + ", to=" + to + ", details=" + json, null, incident, null));
        if (to == AlertState.MISREAD || to == AlertState.NOT_CONFIRMED) {
            quality.record(alert.entryId(), alert.hotlistId(), alert.entryPlate(),
                    alert.entryState().isEmpty() ? null : alert.entryState(),
                    to == AlertState.MISREAD ? HotlistQuality.Result.MISREAD : HotlistQuality.Result.NOT_CONFIRMED);
        }
    }

    /** Purges alerts raised before the cutoff, with one audit record; returns how many. */
    int purgeRaisedBefore(Instant cutoff) {
        Integer n = tx.execute(status -> {
            int purged = store.purgeRaisedBefore(cutoff);
            if (purged > 0) {
                audit.record(Actor.SYSTEM, new AuditEvent("alert.purged", "alerts", "raisedBefore=" + cutoff
                        + ", hitRetention=" + profile.hitRetention().describe(), null, null, purged));
            }
            return purged;
        });
        return n == null ? 0 : n;
    }

    /**
     * The signed-in member, if their role acts on alerts and their training is current. Stand-in for
     * {@code users.MemberAccess.requireActive(..., Permission.ACT_ON_ALERTS)} until the access feature
     * lands: swap this one method.
     */
    UserAccount requireMayActOnAlerts() {
        return access.requireActive(Permission.ACT_ON_ALERTS);
    }

    /** The signed-in member, if their role reviews other members' alerts and their training is current. */
    UserAccount requireMayReviewAlerts() {
        return access.requireActive(Permission.REVIEW_ALERTS);
    }

    private static AlertState parseState(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalid(field, "is required; one of " + List.of(AlertState.values()));
        }
        try {
            return AlertState.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(field, "one of " + List.of(AlertState.values()));
        }
    }

    private static StopOutcome parseOutcome(String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalid("outcome", "is required; one of " + List.of(StopOutcome.values()));
        }
        try {
            return StopOutcome.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("outcome", "one of " + List.of(StopOutcome.values()));
        }
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalid(field, "is required for this transition");
        }
        return value.trim();
    }

    private static void putIfPresent(Map<String, Object> details, String key, String value) {
        if (value != null && !value.isBlank()) {
            details.put(key, value.trim());
        }
    }

    private static List<String> sorted(Set<AlertState> states) {
        return states.stream().map(Enum::name).sorted().toList();
    }
}
