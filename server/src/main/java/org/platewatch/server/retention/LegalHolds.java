package org.platewatch.server.retention;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.platewatch.server.audit.AuditEvent;
import org.platewatch.server.audit.AuditLog;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.platform.ProblemType;
import org.platewatch.server.search.HeldSearchResults;
import org.platewatch.server.users.MemberAccess;
import org.platewatch.server.users.Permission;
import org.platewatch.server.users.UserAccount;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Legal holds, in the order one lives: an investigator, supervisor or administrator whom the profile lets search places it on reads (by id, or a search's full
 * result set) for a case → it protects them at once → a supervisor or administrator who did not place it approves
 * or rejects it → one releases it, with a reason. Every step writes its audit record in its own transaction; a
 * rejection or a release ends the protection, and the held detections no other hold names go then
 * ({@link ReleasedHolds}).
 */
@Service
class LegalHolds {

    static final ProblemType UNKNOWN_READS =
            new ProblemType("unknown-reads", "Some reads named are not stored", HttpStatus.BAD_REQUEST);
    static final ProblemType OWN_HOLD = new ProblemType(
            "own-hold", "Nobody approves or rejects a hold they placed themselves", HttpStatus.FORBIDDEN);
    static final ProblemType NOT_YOURS =
            new ProblemType("not-your-hold", "Only its placer and supervisors see a hold", HttpStatus.FORBIDDEN);
    static final ProblemType WRONG_STATE =
            new ProblemType("hold-state", "The hold is not in a state that allows this", HttpStatus.CONFLICT);

    /** How many reads a hold's page and {@code GET /api/v1/holds/{id}} show at most; the evidence has all. */
    static final int SHOWN_READS = 1000;

    enum Decision {
        APPROVE,
        REJECT
    }

    /** A hold and (some of) its reads. */
    record HoldDetail(LegalHold hold, HoldStatus status, List<HeldRead> reads) {}

    private final MemberAccess access;
    private final HoldRequestValidator validator;
    private final HoldStore store;
    private final HeldSearchResults searches;
    private final ReleasedHolds released;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    LegalHolds(
            MemberAccess access,
            HoldRequestValidator validator,
            HoldStore store,
            HeldSearchResults searches,
            ReleasedHolds released,
            AuditLog audit,
            TransactionTemplate tx,
            Clock clock) {
        this.access = access;
        this.validator = validator;
        this.store = store;
        this.searches = searches;
        this.released = released;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    LegalHold place(HoldRequest body) {
        UserAccount member = access.requireActive(Permission.PLACE_LEGAL_HOLDS);
        HoldRequestValidator.ValidHold valid = validator.validate(body);
        return tx.execute(status -> {
            List<UUID> ids = valid.searchId() == null
                    ? valid.readIds()
                    : searches.of(valid.searchId(), HoldRequestValidator.MAX_READS)
                            .readIds();
            if (ids.isEmpty()) {
                throw ProblemException.invalid("searchId", "the search found no detections: there is nothing to hold");
            }
            List<UUID> unknown = store.unknown(ids, member.agency());
            if (!unknown.isEmpty() && valid.searchId() != null) {
                // Only in a hub: the member's search found reads another agency shares under an agreement.
                throw new ProblemException(
                        UNKNOWN_READS,
                        "searchId",
                        "searchId: " + unknown.size() + " of the search's detections are another agency's, shared"
                                + " under an agreement; a hold names only its own agency's reads (that agency holds"
                                + " its own)");
            }
            if (!unknown.isEmpty()) {
                throw new ProblemException(
                        UNKNOWN_READS,
                        "readIds",
                        "readIds: no stored detection has the id "
                                + HoldRequestValidator.named(
                                        unknown.subList(0, Math.min(unknown.size(), HoldRequestValidator.NAMED)),
                                        unknown.size()));
            }
            long id = store.insert(valid.caseNumber(), valid.reason(), valid.searchId(), member.username(), now());
            store.insertReads(id, ids);
            audit.record(new AuditEvent(
                    "hold.placed",
                    LegalHold.subject(id),
                    "reads=" + ids.size() + (valid.searchId() == null ? "" : "; search:" + valid.searchId()),
                    valid.reason(),
                    valid.caseNumber(),
                    ids.size()));
            return store.find(id).orElseThrow();
        });
    }

    LegalHold decide(long id, Decision decision, String note) {
        UserAccount supervisor = access.requireActive(Permission.APPROVE_LEGAL_HOLDS);
        String text = decision == Decision.REJECT
                ? HoldRequestValidator.text(note, "note", "say why the hold is refused; its placer reads it")
                : (note == null || note.isBlank() ? null : HoldRequestValidator.text(note, "note", ""));
        Ended decided = tx.execute(status -> {
            LegalHold hold = lockedHold(id);
            if (hold.placedBy().equals(supervisor.username())) {
                throw new ProblemException(OWN_HOLD, "The hold " + id + " is yours; another supervisor decides on it");
            }
            if (hold.status() != HoldStatus.PENDING_APPROVAL) {
                throw new ProblemException(WRONG_STATE, "The hold " + id + " is " + hold.status() + ", not pending");
            }
            Instant at = now();
            ReleasedHolds.Deleted deleted = ReleasedHolds.Deleted.NONE;
            if (decision == Decision.APPROVE) {
                store.approve(id, supervisor.username(), at, text);
            } else {
                store.reject(id, supervisor.username(), at, text);
                deleted = released.deleteUnheld();
            }
            audit.record(new AuditEvent(
                    decision == Decision.APPROVE ? "hold.approved" : "hold.rejected",
                    hold.subject(),
                    (text == null ? "" : "note=" + text + "; ") + deleted.describe(),
                    hold.reason(),
                    hold.caseNumber(),
                    (int) hold.reads()));
            return new Ended(store.find(id).orElseThrow(), deleted);
        });
        released.deleteUnreferencedImages(decided.deleted().images());
        return decided.hold();
    }

    LegalHold release(long id, String reason) {
        UserAccount supervisor = access.requireActive(Permission.APPROVE_LEGAL_HOLDS);
        String why = HoldRequestValidator.text(reason, "reason", "say why the hold ends (case closed, order lifted)");
        Ended done = tx.execute(status -> {
            LegalHold hold = lockedHold(id);
            if (!hold.status().protects()) {
                throw new ProblemException(WRONG_STATE, "The hold " + id + " is " + hold.status() + " already");
            }
            store.release(id, supervisor.username(), now(), why);
            ReleasedHolds.Deleted deleted = released.deleteUnheld();
            audit.record(new AuditEvent(
                    "hold.released",
                    hold.subject(),
                    "reason=" + why + "; " + deleted.describe(),
                    hold.reason(),
                    hold.caseNumber(),
                    (int) hold.reads()));
            return new Ended(store.find(id).orElseThrow(), deleted);
        });
        released.deleteUnreferencedImages(done.deleted().images());
        return done.hold();
    }

    /** A hold that stopped protecting, and the held detections that went with it. */
    private record Ended(LegalHold hold, ReleasedHolds.Deleted deleted) {}

    /** Supervisors and administrators see every hold; a member who may place holds, those they placed. */
    List<LegalHold> list(int limit) {
        return store.list(mayDecide() ? null : viewer().username(), limit);
    }

    /** The hold with its reads; an access to detections, audited with its case number. */
    HoldDetail open(long id) {
        LegalHold hold = visible(id);
        return tx.execute(status -> {
            List<HeldRead> reads = store.reads(id, SHOWN_READS);
            audit.record(new AuditEvent(
                    "hold.viewed", hold.subject(), null, hold.reason(), hold.caseNumber(), reads.size()));
            return new HoldDetail(hold, hold.status(), reads);
        });
    }

    /** The hold, when the member acting may see it: its placer (still allowed to place holds), or a supervisor. */
    LegalHold visible(long id) {
        boolean supervisor = mayDecide();
        UserAccount member = viewer();
        LegalHold hold = store.find(id).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No hold " + id));
        if (!supervisor && !hold.placedBy().equals(member.username())) {
            throw new ProblemException(NOT_YOURS, "The hold " + id + " was placed by another member");
        }
        return hold;
    }

    /** Whether the member acting may approve, reject and release holds. */
    boolean mayDecide() {
        return access.may(access.requireMember(), Permission.APPROVE_LEGAL_HOLDS);
    }

    private UserAccount viewer() {
        UserAccount member = access.requireMember();
        return access.may(member, Permission.APPROVE_LEGAL_HOLDS)
                ? member
                : access.requireActive(member, Permission.PLACE_LEGAL_HOLDS);
    }

    private LegalHold lockedHold(long id) {
        return store.findForUpdate(id).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No hold " + id));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
