package org.platewatch.server.sharing;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.platewatch.server.audit.AuditEvent;
import org.platewatch.server.audit.AuditEvidence;
import org.platewatch.server.audit.AuditLog;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.platform.ProblemType;
import org.platewatch.server.users.MemberAccess;
import org.platewatch.server.users.Permission;
import org.platewatch.server.users.UserAccount;
import org.platewatch.server.users.UserAccounts;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The security breach record: an administrator records what happened, when it was found, its window and the
 * members and data concerned; the audit log then lists every access by those members and to that data in the
 * window; notification and post-breach steps are tracked, and the breach closes only when all are done and
 * at least one notification is among them. Each change is audited in its transaction.
 */
@Service
class Breaches {

    static final int MAX_CONCERNED = 2_000;

    /** What an administrator types to record a breach. */
    record NewBreach(
            String summary,
            String foundAt,
            String windowFrom,
            String windowTo,
            String dataConcerned,
            List<String> members,
            List<String> subjects) {}

    /** A step to add. */
    record NewStep(String kind, String description) {}

    /** The accounts and data concerned, from the audit log. */
    record Concerned(
            Map<String, Integer> accounts,
            Map<String, Integer> data,
            List<AuditEvidence.Concerned> events,
            boolean truncated) {}

    private final BreachStore store;
    private final AuditLog audit;
    private final AuditEvidence evidence;
    private final MemberAccess access;
    private final UserAccounts accounts;
    private final Clock clock;

    Breaches(
            BreachStore store,
            AuditLog audit,
            AuditEvidence evidence,
            MemberAccess access,
            UserAccounts accounts,
            Clock clock) {
        this.store = store;
        this.audit = audit;
        this.evidence = evidence;
        this.access = access;
        this.accounts = accounts;
        this.clock = clock;
    }

    @Transactional
    SecurityBreach record(NewBreach form) {
        UserAccount admin = access.requireActive(Permission.RECORD_BREACHES);
        if (form == null) {
            throw ProblemException.invalid("summary", "is required");
        }
        String summary = SharingInput.text("summary", form.summary(), 2000);
        Instant found = instant("foundAt", form.foundAt());
        Instant from = instant("windowFrom", form.windowFrom());
        Instant to = instant("windowTo", form.windowTo());
        if (to.isBefore(from)) {
            throw ProblemException.invalid("windowTo", "must not be before windowFrom");
        }
        if (found.isAfter(clock.instant())) {
            throw ProblemException.invalid("foundAt", "must not be in the future");
        }
        String data = SharingInput.text("dataConcerned", form.dataConcerned(), 2000);
        List<String> members = list("members", form.members(), 100, 100);
        for (int i = 0; i < members.size(); i++) {
            if (accounts.findByUsername(members.get(i)).isEmpty()) {
                throw ProblemException.invalid("members[" + i + "]", "no such account");
            }
        }
        List<String> subjects = list("subjects", form.subjects(), 100, 200);
        if (members.isEmpty() && subjects.isEmpty()) {
            throw ProblemException.invalid("members", "name the members or the data (subjects) the breach concerns");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        long id = store.record(new SecurityBreach(
                0, summary, found, from, to, data, members, subjects, admin.username(), now, null, null, List.of()));
        audit.record(
                admin.actor(),
                AuditEvent.of("breach.recorded", "breach:" + id)
                        .withTerms("window=" + from + ".." + to + "; members=" + members + "; subjects=" + subjects));
        return store.breach(id, false).orElseThrow();
    }

    List<SecurityBreach> all() {
        access.requireActive(Permission.RECORD_BREACHES);
        return store.breaches();
    }

    SecurityBreach one(long id) {
        access.requireActive(Permission.RECORD_BREACHES);
        return existing(id, false);
    }

    /** The accounts and data concerned, from the audit log; reading it is audited in the same transaction. */
    @Transactional
    Concerned concerned(long id) {
        UserAccount admin = access.requireActive(Permission.RECORD_BREACHES);
        SecurityBreach b = existing(id, false);
        List<AuditEvidence.Concerned> events =
                evidence.concerning(b.members(), b.subjects(), b.windowFrom(), b.windowTo(), MAX_CONCERNED + 1);
        boolean truncated = events.size() > MAX_CONCERNED;
        if (truncated) {
            events = events.subList(0, MAX_CONCERNED);
        }
        Map<String, Integer> byAccount = new TreeMap<>();
        Map<String, Integer> byData = new TreeMap<>();
        for (AuditEvidence.Concerned e : events) {
            byAccount.merge(e.username(), 1, Integer::sum);
            if (e.subject() != null) {
                byData.merge(e.subject(), 1, Integer::sum);
            }
        }
        audit.record(
                admin.actor(),
                new AuditEvent("breach.concerned-listed", "breach:" + id, null, null, null, events.size()));
        return new Concerned(byAccount, byData, events, truncated);
    }

    @Transactional
    SecurityBreach addStep(long id, NewStep form) {
        UserAccount admin = access.requireActive(Permission.RECORD_BREACHES);
        open(id);
        if (form == null) {
            throw ProblemException.invalid("kind", "is required");
        }
        SecurityBreach.StepKind kind = SharingInput.oneOf("kind", form.kind(), SecurityBreach.StepKind.class);
        String description = SharingInput.text("description", form.description(), 2000);
        long step = store.addStep(id, kind, description, admin.username(), clock.instant());
        audit.record(
                admin.actor(),
                AuditEvent.of("breach.step-added", "breach:" + id + " step:" + step)
                        .withTerms(kind + ": " + description));
        return existing(id, false);
    }

    @Transactional
    SecurityBreach markDone(long id, long stepId) {
        UserAccount admin = access.requireActive(Permission.RECORD_BREACHES);
        open(id);
        if (!store.markDone(id, stepId, admin.username(), clock.instant())) {
            throw new ProblemException(
                    ProblemType.CONFLICT, "Step " + stepId + " of breach " + id + " is not an open step");
        }
        audit.record(admin.actor(), AuditEvent.of("breach.step-done", "breach:" + id + " step:" + stepId));
        return existing(id, false);
    }

    @Transactional
    SecurityBreach close(long id) {
        UserAccount admin = access.requireActive(Permission.RECORD_BREACHES);
        SecurityBreach b = open(id);
        if (b.steps().stream().noneMatch(s -> s.kind() == SecurityBreach.StepKind.NOTIFICATION)) {
            throw new ProblemException(
                    ProblemType.CONFLICT, "Breach " + id + " has no notification step; record who was notified first");
        }
        long openSteps = b.steps().stream().filter(s -> s.doneAt() == null).count();
        if (openSteps > 0) {
            throw new ProblemException(
                    ProblemType.CONFLICT, "Breach " + id + " still has " + openSteps + " open step(s)");
        }
        store.close(id, admin.username(), clock.instant());
        audit.record(admin.actor(), AuditEvent.of("breach.closed", "breach:" + id));
        return existing(id, false);
    }

    private SecurityBreach open(long id) {
        SecurityBreach b = existing(id, true);
        if (b.closed()) {
            throw new ProblemException(ProblemType.CONFLICT, "Breach " + id + " is closed");
        }
        return b;
    }

    private SecurityBreach existing(long id, boolean lock) {
        return store.breach(id, lock).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No breach " + id));
    }

    private static List<String> list(String field, List<String> values, int maxItems, int maxLength) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > maxItems) {
            throw ProblemException.invalid(field, "at most " + maxItems + " entries");
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (int i = 0; i < values.size(); i++) {
            out.add(SharingInput.text(field + "[" + i + "]", values.get(i), maxLength));
        }
        return new ArrayList<>(out);
    }

    private static Instant instant(String field, String raw) {
        String v = SharingInput.text(field, raw, 40);
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "must be a UTC time such as 2026-01-31T08:00:00Z");
        }
    }
}
