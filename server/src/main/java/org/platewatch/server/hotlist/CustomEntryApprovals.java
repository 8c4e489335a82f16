package org.platewatch.server.hotlist;

import java.time.Clock;
import java.time.Instant;
import org.platewatch.server.audit.AuditEvent;
import org.platewatch.server.audit.AuditLog;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.platform.ProblemType;
import org.platewatch.server.users.MemberAccess;
import org.platewatch.server.users.Permission;
import org.platewatch.server.users.UserAccount;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The decisions on the department's own entries: the ALPR administrator approves (or rejects) a new entry
 * before it is in force, and a supervisor approves (or refuses) a change a member proposed. Nobody decides on
 * their own entry or change. Each decision is audited in its transaction, and the matcher is rebuilt after it
 * so that what was decided is what matches.
 */
@Service
class CustomEntryApprovals {

    private final CustomEntryStore entries;
    private final HotlistStore store;
    private final CustomEntryValidator validator;
    private final HotlistMatcher matcher;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final MemberAccess access;

    CustomEntryApprovals(
            CustomEntryStore entries,
            HotlistStore store,
            CustomEntryValidator validator,
            HotlistMatcher matcher,
            AuditLog audit,
            TransactionTemplate tx,
            Clock clock,
            MemberAccess access) {
        this.entries = entries;
        this.store = store;
        this.validator = validator;
        this.matcher = matcher;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
        this.access = access;
    }

    HotlistEntryView approve(long id, boolean approve, String note) {
        UserAccount admin = access.requireActive(Permission.MANAGE_HOTLISTS);
        HotlistEntryView result = tx.execute(status -> {
            HotlistEntryView entry = entries.lockedCustomEntry(id);
            if (!"PENDING".equals(entry.status())) {
                throw new ProblemException(
                        ProblemType.CONFLICT,
                        "status",
                        "Entry " + id + " is " + entry.status() + ", not awaiting approval");
            }
            if (admin.username().equals(entry.enteredBy())) {
                throw new ProblemException(
                        ProblemType.CONFLICT,
                        null,
                        "An entry is approved by someone other than the member who entered it");
            }
            entries.decide(id, approve ? "ACTIVE" : "REJECTED", admin.username(), clock.instant());
            audit.record(
                    admin.actor(),
                    new AuditEvent(
                            approve ? "hotlist.entry-approved" : "hotlist.entry-rejected",
                            "hotlist-entry:" + id,
                            note == null ? null : "note=" + note,
                            null,
                            entry.caseNumber(),
                            null));
            return store.entry(id).orElseThrow();
        });
        matcher.rebuild();
        return result;
    }

    /**
     * Approves or refuses the change awaiting approval, provided it is the one the supervisor saw: the one
     * proposed at {@code seenProposedAt}, compared under the entry's lock (409 when it was replaced since).
     */
    HotlistEntryView decideChange(long id, boolean approve, Instant seenProposedAt) {
        UserAccount supervisor = access.requireActive(Permission.APPROVE_HOTLIST_ENTRIES);
        HotlistEntryView result = tx.execute(status -> {
            HotlistEntryView entry = entries.lockedCustomEntry(id);
            if (entry.proposedChange() == null) {
                throw new ProblemException(
                        ProblemType.CONFLICT, null, "Entry " + id + " has no change awaiting approval");
            }
            if (!seenProposedAt.equals(entry.proposedAt())) {
                throw new ProblemException(
                        ProblemType.CONFLICT,
                        "proposedAt",
                        "The change awaiting approval on entry "
                                + id + " was proposed at " + entry.proposedAt() + ", not the one you saw ("
                                + seenProposedAt
                                + "); reload it and decide again");
            }
            if (supervisor.username().equals(entry.proposedBy())) {
                throw new ProblemException(
                        ProblemType.CONFLICT,
                        null,
                        "A change is approved by a supervisor other than the member who proposed it");
            }
            if (approve) {
                CustomEntryRequest merged = merge(entry, entries.proposedChange(entry));
                entries.applyChange(id, validator.validate(merged, true));
            }
            entries.clearProposedChange(id);
            audit.record(
                    supervisor.actor(),
                    new AuditEvent(
                            approve ? "hotlist.entry-change-approved" : "hotlist.entry-change-refused",
                            "hotlist-entry:" + id,
                            entry.proposedChange(),
                            null,
                            entry.caseNumber(),
                            null));
            return store.entry(id).orElseThrow();
        });
        matcher.rebuild();
        return result;
    }

    /** The entry as it would be with the change: what the change gives, the entry's own value elsewhere. */
    static CustomEntryRequest merge(HotlistEntryView e, CustomEntryRequest c) {
        CustomEntryRequest.Vehicle v =
                c.vehicle() != null ? c.vehicle() : new CustomEntryRequest.Vehicle(e.make(), e.model(), e.color());
        return new CustomEntryRequest(
                c.plate() != null ? c.plate() : e.plate(),
                c.plate() != null || c.state() != null ? c.state() : e.state(),
                v,
                c.reason() != null ? c.reason() : e.reason(),
                c.caseNumber() != null ? c.caseNumber() : e.caseNumber(),
                c.synopsis() != null ? c.synopsis() : e.synopsis(),
                c.expiresAt() != null ? c.expiresAt() : e.expiresAt().toString());
    }
}
