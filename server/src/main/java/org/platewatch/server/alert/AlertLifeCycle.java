package org.platewatch.server.alert;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.platewatch.server.audit.AuditEvent;
import org.platewatch.server.audit.AuditLog;
import org.platewatch.server.hotlist.HotlistQuality;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.platform.ProblemType;
import org.platewatch.server.reads.DetectionStore;
import org.platewatch.server.users.MemberAccess;
import org.platewatch.server.users.Permission;
import org.platewatch.server.users.UserAccount;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Moves alerts through their life cycle ({@link AlertState}): each transition in one transaction with its
 * audit row (and, for a misread or a not-confirmed hit, the entry's quality count); every refused one is
 * audited too. QUERIED and CONFIRMED, and every step on a CLETS-derived hit, need CLETS authorisation.
 * {@link AlertUpdated} is published after the commit.
 */
@Service
class AlertLifeCycle {

    private final AlertStore store;
    private final HotlistQuality quality;
    private final DetectionStore detections;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final TransactionTemplate ownTx;
    private final Clock clock;
    private final MemberAccess access;
    private final ApplicationEventPublisher events;
    private final CletsScreen clets;
    private final VerificationBeforeAction verification;

    AlertLifeCycle(
            AlertStore store,
            HotlistQuality quality,
            DetectionStore detections,
            AuditLog audit,
            TransactionTemplate tx,
            Clock clock,
            MemberAccess access,
            ApplicationEventPublisher events,
            CletsScreen clets,
            VerificationBeforeAction verification) {
        this.clets = clets;
        this.verification = verification;
        this.store = store;
        this.quality = quality;
        this.detections = detections;
        this.audit = audit;
        this.tx = tx;
        this.ownTx = new TransactionTemplate(tx.getTransactionManager());
        this.ownTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.access = access;
        this.events = events;
    }

    /** Moves the alert to the state the body names, or refuses with a problem; returns the alert as it is now. */
    Alert transition(long id, JsonNode body) {
        UserAccount member = access.requireActive(Permission.ACT_ON_ALERTS);
        AlertState to = TransitionBody.target(body);
        Alert moved;
        try {
            Transition transition = TransitionBody.parse(to, body);
            moved = tx.execute(status -> apply(id, transition, member));
        } catch (ProblemException refused) {
            if (!refused.type().equals(ProblemType.NOT_FOUND)) {
                ownTx.executeWithoutResult(status -> audit.record(
                        member.actor(),
                        AuditEvent.of("alert.transition-refused", "alert:" + id)
                                .withTerms("to=" + to + ", reason="
                                        + refused.type().slug())));
            }
            throw refused;
        }
        events.publishEvent(new AlertUpdated(moved));
        return moved;
    }

    private Alert apply(long id, Transition asked, UserAccount member) {
        AlertStore.AlertRow row =
                store.lock(id).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "id", "No alert " + id));
        AlertState from = row.state();
        AlertState to = asked.to();
        Transition transition = asked;
        boolean cletsDerived = clets.derived(row.hotlistId());
        // Before the state check: a member without CLETS learns nothing more of a CLETS-derived hit by trying.
        clets.requireForStep(member, to, cletsDerived, row.entry().listName());
        if (VerificationBeforeAction.confirmsEarly(from, to)) {
            // before the checks: the profile's alertVerification decides, and the skipped checks are recorded
            transition = verification.confirmEarly(from, (Transition.Confirmed) asked);
        } else if (!from.mayBecome(to)) {
            String why = to == AlertState.CONFIRMED
                    ? "; an alert is confirmed only after the visual checks (TENTATIVE) and the live query (QUERIED)"
                    : "";
            throw new ProblemException(
                    AlertProblems.TRANSITION_NOT_ALLOWED,
                    "to",
                    "An alert in state " + from + " cannot become " + to + "; it may become " + sorted(from.next())
                            + why);
        }
        requireWhatTheStepNeeds(transition, from, member);
        AlertTransition step = new AlertTransition(
                from, to, member.username(), clock.instant().truncatedTo(ChronoUnit.MICROS), transition); // as stored
        List<AlertTransition> earlier = store.transitions(id);
        String details = store.recordTransition(id, step);
        String incident = transition instanceof Transition.Cleared c ? c.incidentNumber() : null;
        audit.record(
                member.actor(),
                new AuditEvent(
                        "alert.transition",
                        "alert:" + id,
                        "from=" + from + ", to=" + to + ", details=" + details,
                        null,
                        incident,
                        null));
        if (to == AlertState.MISREAD || to == AlertState.NOT_CONFIRMED) {
            quality.record(
                    row.entryId(),
                    row.hotlistId(),
                    row.entryPlate(),
                    row.entryState().isEmpty() ? null : row.entryState(),
                    to == AlertState.MISREAD ? HotlistQuality.Result.MISREAD : HotlistQuality.Result.NOT_CONFIRMED);
        }
        boolean hasImage = detections.imageOf(row.read().readId()).isPresent();
        return row.alert(earlier, hasImage, cletsDerived).after(step);
    }

    /** The checks a step needs beyond its fields: the three visual checks, CLETS, a confirmed hit. */
    private void requireWhatTheStepNeeds(Transition transition, AlertState from, UserAccount member) {
        if (transition instanceof Transition.Tentative t
                && !(t.charactersVerified() && t.stateVerified() && t.vehicleVerified())) {
            throw new ProblemException(
                    AlertProblems.VERIFICATION_REQUIRED,
                    "charactersVerified",
                    "TENTATIVE needs charactersVerified, stateVerified and vehicleVerified all true: the officer has "
                            + "compared the plate's characters, its state and the vehicle with the read's image");
        }
        if (transition instanceof Transition.Queried) {
            // The live query is a CLETS-derived action: it needs the account's CLETS authorisation (CONFIRMED,
            // and any step on a CLETS-derived hit, were checked by CletsScreen.requireForStep already).
            access.requireActive(member, Permission.QUERY_CLETS);
        }
        if (transition instanceof Transition.Cleared c) {
            verification.requireOutcome(c);
        }
        if (transition instanceof Transition.Cleared c
                && c.outcome() != null
                && c.outcome().needsConfirmedHit()
                && from != AlertState.CONFIRMED) {
            throw new ProblemException(
                    AlertProblems.CONFIRMATION_REQUIRED,
                    "outcome",
                    "outcome: " + c.outcome()
                            + " on a hit needs the hit CONFIRMED with the entering agency first (NCIC hit confirmation); "
                            + "this alert is " + from);
        }
    }

    private static List<String> sorted(Set<AlertState> states) {
        return states.stream().map(Enum::name).sorted().toList();
    }
}
