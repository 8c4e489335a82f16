package org.platewatch.server.hotlist;

import java.time.Clock;
import java.time.Instant;
import org.platewatch.server.audit.AuditEvent;
import org.platewatch.server.audit.AuditLog;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.platform.ProblemType;
import org.platewatch.server.policy.DepartmentProfile;
import org.platewatch.server.users.MemberAccess;
import org.platewatch.server.users.Permission;
import org.platewatch.server.users.UserAccount;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The department's own entries, as members make them: entered by a trained member with a case number and a
 * synopsis, pending until the ALPR administrator approves them, and changed only by proposing a change that a
 * supervisor approves ({@link CustomEntryApprovals} holds both decisions). An entry is out of force once it
 * expires. Every step is audited in its own transaction.
 */
@Service
class CustomEntryService {

    private final CustomEntryStore entries;
    private final HotlistStore store;
    private final Hotlists hotlists;
    private final CustomEntryValidator validator;
    private final AuditLog audit;
    private final DepartmentProfile profile;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final MemberAccess access;
    private final HotlistMatcher matcher;

    CustomEntryService(
            CustomEntryStore entries,
            HotlistStore store,
            Hotlists hotlists,
            CustomEntryValidator validator,
            AuditLog audit,
            DepartmentProfile profile,
            TransactionTemplate tx,
            Clock clock,
            MemberAccess access,
            HotlistMatcher matcher) {
        this.matcher = matcher;
        this.entries = entries;
        this.store = store;
        this.hotlists = hotlists;
        this.validator = validator;
        this.audit = audit;
        this.profile = profile;
        this.tx = tx;
        this.clock = clock;
        this.access = access;
    }

    HotlistEntryView create(CustomEntryRequest request) {
        UserAccount member = requireTrainedMember(Permission.PROPOSE_HOTLIST_ENTRIES);
        ValidEntry v = validator.validate(request, true);
        Instant now = clock.instant();
        return tx.execute(status -> {
            Hotlist list = hotlists.customList();
            long id = entries.insertPending(list.id(), v, member.username(), now, profile.departmentName());
            audit.record(
                    member.actor(),
                    new AuditEvent(
                            "hotlist.entry-entered",
                            "hotlist-entry:" + id,
                            (v.plate().isEmpty()
                                            ? "vehicle=" + v.make() + "/" + v.model() + "/" + v.color()
                                            : "plate=" + v.plate())
                                    + ", state=" + v.state() + ", expires=" + v.expiresAt(),
                            v.synopsis(),
                            v.caseNumber(),
                            null));
            return store.entry(id).orElseThrow();
        });
    }

    /**
     * A member's change to an entry: it waits for a supervisor's approval where the profile says so
     * ({@code customEntries.updateNeedsSupervisorApproval}, every shipped profile), else it is in force at once.
     */
    HotlistEntryView proposeChange(long id, CustomEntryRequest change) {
        UserAccount member = requireTrainedMember(Permission.PROPOSE_HOTLIST_ENTRIES);
        validator.validate(change, false);
        if (!profile.hotlists().customEntries().updateNeedsSupervisorApproval()) {
            HotlistEntryView changed = tx.execute(status -> changeAtOnce(id, change, member));
            matcher.rebuild();
            return changed;
        }
        return tx.execute(status -> {
            HotlistEntryView entry = entries.lockedCustomEntry(id);
            if ("REJECTED".equals(entry.status())) {
                throw new ProblemException(ProblemType.CONFLICT, "status", "Entry " + id + " was rejected");
            }
            String json = entries.proposeChange(id, change, member.username(), clock.instant());
            audit.record(
                    member.actor(),
                    new AuditEvent(
                            "hotlist.entry-change-proposed",
                            "hotlist-entry:" + id,
                            json,
                            change.synopsis(),
                            change.caseNumber() != null ? change.caseNumber() : entry.caseNumber(),
                            null));
            return store.entry(id).orElseThrow();
        });
    }

    /** The change applied now, with its audit row, where the profile does not ask for a supervisor's approval. */
    private HotlistEntryView changeAtOnce(long id, CustomEntryRequest change, UserAccount member) {
        HotlistEntryView entry = entries.lockedCustomEntry(id);
        if ("REJECTED".equals(entry.status())) {
            throw new ProblemException(ProblemType.CONFLICT, "status", "Entry " + id + " was rejected");
        }
        // An entry awaiting the administrator's approval is the entering member's to correct: an administrator who
        // rewrote another member's new entry could otherwise approve their own words as the second person.
        if ("PENDING".equals(entry.status()) && !member.username().equals(entry.enteredBy())) {
            throw new ProblemException(
                    ProblemType.CONFLICT,
                    "status",
                    "Entry " + id + " awaits the administrator's approval; until then only the member who entered "
                            + "it may change it");
        }
        ValidEntry merged = validator.validate(CustomEntryApprovals.merge(entry, change), true);
        entries.applyChange(id, merged);
        audit.record(
                member.actor(),
                new AuditEvent(
                        "hotlist.entry-changed",
                        "hotlist-entry:" + id,
                        (merged.plate().isEmpty() ? "vehicle only" : "plate=" + merged.plate())
                                + ", state=" + merged.state() + ", expires=" + merged.expiresAt()
                                + "; no supervisor approval required by the profile",
                        change.synopsis(),
                        change.caseNumber() != null ? change.caseNumber() : entry.caseNumber(),
                        null));
        return store.entry(id).orElseThrow();
    }

    /** The signed-in member, if their role has the permission and their training is current. */
    UserAccount requireTrainedMember(Permission permission) {
        return access.requireActive(permission);
    }
}
