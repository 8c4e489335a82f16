package org.platewatch.server.sharing;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.platewatch.server.audit.AuditEvent;
import org.platewatch.server.audit.AuditLog;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.platform.ProblemType;
import org.platewatch.server.users.MemberAccess;
import org.platewatch.server.users.Permission;
import org.platewatch.server.users.Reauthentication;
import org.platewatch.server.users.UserAccount;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The administrator's or designee's decision on a request, and the release that follows an approval. The member
 * who entered a request cannot decide it (two people see every release). The rule is asked again at the decision:
 * an agreement may have ended, and no earlier answer opens a release the law forbids now. An approval builds the
 * package from exactly the detections the request names, and writes the decision, the ledger and the audit row in
 * one transaction.
 */
@Service
class ReleaseDecisions {

    static final ProblemType OWN_REQUEST = new ProblemType(
            "own-release-request", "The member who entered a request cannot decide it", HttpStatus.FORBIDDEN);
    static final ProblemType GONE = new ProblemType(
            "release-no-longer-stored", "The released data is no longer stored as sent", HttpStatus.GONE);

    /** A release package, ready to send. */
    record Download(String fileName, byte[] zip) {}

    private final ReleaseStore store;
    private final ReleaseLedger ledger;
    private final ReleaseRequests requests;
    private final SharingStore agencies;
    private final Agreements agreements;
    private final ReleaseRule rule;
    private final ReleaseRefusals refusals;
    private final ReleasePackage packages;
    private final AuditLog audit;
    private final MemberAccess access;
    private final Reauthentication reauthentication;
    private final TransactionTemplate transaction;
    private final Clock clock;

    ReleaseDecisions(
            ReleaseStore store,
            ReleaseLedger ledger,
            ReleaseRequests requests,
            SharingStore agencies,
            Agreements agreements,
            ReleaseRule rule,
            ReleaseRefusals refusals,
            ReleasePackage packages,
            AuditLog audit,
            MemberAccess access,
            Reauthentication reauthentication,
            TransactionTemplate transaction,
            Clock clock) {
        this.store = store;
        this.ledger = ledger;
        this.requests = requests;
        this.agencies = agencies;
        this.agreements = agreements;
        this.rule = rule;
        this.refusals = refusals;
        this.packages = packages;
        this.audit = audit;
        this.access = access;
        this.reauthentication = reauthentication;
        this.transaction = transaction;
        this.clock = clock;
    }

    /**
     * Approves and releases. Data leaves the department here, so the approver confirms at a console session with
     * their password and a fresh code, as for account administration: a stolen personal token cannot approve.
     */
    ReleaseDecision approve(UUID id, String note, String currentPassword, String code) {
        return approve(id, note, true, currentPassword, code);
    }

    /**
     * From the console page: the member is at a signed-in session (the console chain takes no bearer token, and the
     * session was signed in with the second factor) and types their password again on the Approve form.
     */
    ReleaseDecision approveAtConsole(UUID id, String note, String currentPassword) {
        return approve(id, note, false, currentPassword, null);
    }

    private ReleaseDecision approve(UUID id, String note, boolean withCode, String currentPassword, String code) {
        UserAccount approver = access.requireActive(Permission.APPROVE_RELEASES);
        try {
            return transaction.execute(status -> {
                ReleaseRequest r = undecided(id, approver);
                confirmApprover(id, approver, withCode, currentPassword, code);
                Agency agency = agencies.agency(r.agencyId()).orElseThrow();
                ReleaseVerdict verdict = rule.decide(
                        new ReleaseRule.Asked(agency, r.purpose(), false, r.writtenRequest()),
                        agreements.inForce(agency.id()));
                if (verdict instanceof ReleaseVerdict.Forbidden forbidden) {
                    throw ReleaseRefusals.forbidden(
                            forbidden, "release-request:" + id, r.purpose(), r.caseNumber(), "agency:" + agency.id());
                }
                if (verdict instanceof ReleaseVerdict.ToRecords routed) {
                    throw new ProblemException(
                            ProblemType.CONFLICT,
                            "This request now goes to " + routed.routedTo() + " (" + routed.why() + "); refuse it and "
                                    + "hand it on");
                }
                requireWarrant(id, approver, r);
                List<ReleasedDetection> detections = store.detections(r.readIds());
                if (detections.size() != r.readIds().size()) {
                    throw new ProblemException(
                            ProblemType.CONFLICT,
                            (r.readIds().size() - detections.size()) + " of the "
                                    + r.readIds().size()
                                    + " detections asked for are no longer stored (purged); refuse the request");
                }
                Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
                ReleasePackage.Built built =
                        packages.build(r, r.warrantNumber(), agency, detections, approver.username(), now);
                ReleaseDecision decision = new ReleaseDecision(
                        id, ReleaseDecision.Outcome.APPROVED, approver.username(), now, note(note, false));
                store.decide(decision);
                ledger.record(id, now, approver.username(), detections, built);
                audit.record(
                        approver.actor(),
                        new AuditEvent(
                                "sharing.request-approved",
                                "release-request:" + id,
                                "agency:" + agency.id()
                                        + (r.warrantNumber() == null ? "" : "; warrant=" + r.warrantNumber())
                                        + "; package sha256=" + built.sha256() + "; images=" + built.images(),
                                r.purpose().name(),
                                r.caseNumber(),
                                detections.size()));
                return decision;
            });
        } catch (ReleaseRefusals.Forbidden refused) {
            refusals.record(approver.actor(), refused);
            throw refused;
        }
    }

    /**
     * The approver proves again that they hold the account: password and a fresh code through the API, the password
     * at the console. A refusal writes no decision (the transaction rolls back) and is audited on its own.
     */
    private void confirmApprover(UUID id, UserAccount approver, boolean withCode, String currentPassword, String code) {
        try {
            if (withCode) {
                reauthentication.confirm(Permission.APPROVE_RELEASES, currentPassword, code);
            } else {
                reauthentication.confirmPassword(Permission.APPROVE_RELEASES, currentPassword);
            }
        } catch (ProblemException refused) {
            refusals.recordUnconfirmedApproval(approver.actor(), id, refused);
            throw refused;
        }
    }

    /**
     * A request entered without a warrant number (before the profile asked for one) is not released under a profile
     * that asks: nothing is decided, the attempt is logged, and the approver refuses it for the agency to ask again.
     */
    private void requireWarrant(UUID id, UserAccount approver, ReleaseRequest r) {
        try {
            rule.requireWarrant(
                    r.warrantNumber(),
                    "; this request was entered without one: refuse it, and enter it again with the"
                            + " warrant number");
        } catch (ProblemException refused) {
            refusals.recordRefusedApproval(approver.actor(), id, "warrant-number-missing");
            throw refused;
        }
    }

    ReleaseDecision refuse(UUID id, String note) {
        UserAccount approver = access.requireActive(Permission.APPROVE_RELEASES);
        return transaction.execute(status -> {
            ReleaseRequest r = undecided(id, approver);
            ReleaseDecision decision = new ReleaseDecision(
                    id,
                    ReleaseDecision.Outcome.REFUSED,
                    approver.username(),
                    clock.instant().truncatedTo(ChronoUnit.MICROS),
                    note(note, true));
            store.decide(decision);
            audit.record(
                    approver.actor(),
                    new AuditEvent(
                            "sharing.request-refused",
                            "release-request:" + id,
                            "agency:" + r.agencyId() + "; note=" + decision.note(),
                            r.purpose().name(),
                            r.caseNumber(),
                            0));
            return decision;
        });
    }

    /**
     * The package of an approved release, built again from the detections on the ledger; refused (410) when they or
     * their images are no longer what was sent (purged since), so that what is handed over is what is on file.
     */
    Download download(UUID id) {
        UserAccount member = access.requireActive(Permission.APPROVE_RELEASES);
        return transaction.execute(status -> {
            ReleaseRequest r = requests.existing(id);
            ReleaseLedger.Release release = ledger.release(id)
                    .orElseThrow(() ->
                            new ProblemException(ProblemType.CONFLICT, "Request " + id + " has not been released"));
            List<UUID> sent = ledger.sentReads(id);
            List<ReleasedDetection> detections = store.detections(sent);
            Agency agency = agencies.agency(r.agencyId()).orElseThrow();
            ReleasePackage.Built built = detections.size() == sent.size()
                    ? packages.build(
                            r,
                            ReleasePackage.warrantSent(release.manifest()),
                            agency,
                            detections,
                            release.releasedBy(),
                            release.releasedAt())
                    : null;
            if (built == null || !built.sha256().equals(release.packageSha256())) {
                throw new ProblemException(
                        GONE,
                        "The detections released for request " + id + " are no longer stored as they were sent; "
                                + "the ledger keeps their ids and hashes");
            }
            audit.record(
                    member.actor(),
                    new AuditEvent(
                            "sharing.release-downloaded",
                            "release-request:" + id,
                            "package sha256=" + built.sha256(),
                            r.purpose().name(),
                            r.caseNumber(),
                            detections.size()));
            return new Download("release-" + id + ".zip", built.zip());
        });
    }

    private ReleaseRequest undecided(UUID id, UserAccount approver) {
        store.lock(id);
        ReleaseRequest r = requests.existing(id);
        if (r.route() == ReleaseRequest.Route.RECORDS) {
            throw new ProblemException(
                    ProblemType.CONFLICT,
                    "This request was routed to " + r.routedTo() + "; it is handled on the records-release path, "
                            + "never released directly");
        }
        store.decision(id).ifPresent(d -> {
            throw new ProblemException(
                    ProblemType.CONFLICT,
                    "Request " + id + " was already " + d.outcome().name().toLowerCase(java.util.Locale.ROOT) + " by "
                            + d.decidedBy());
        });
        if (r.enteredBy().equals(approver.username())) {
            throw new ProblemException(
                    OWN_REQUEST, "You entered this request; another administrator or the designee decides it");
        }
        return r;
    }

    private static String note(String note, boolean required) {
        return required ? SharingInput.text("note", note, 2000) : SharingInput.optionalText("note", note, 2000);
    }
}
