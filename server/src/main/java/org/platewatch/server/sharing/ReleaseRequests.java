package org.platewatch.server.sharing;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.platewatch.server.audit.AuditEvent;
import org.platewatch.server.audit.AuditLog;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.platform.ProblemType;
import org.platewatch.server.policy.DepartmentProfile;
import org.platewatch.server.policy.SharingRules;
import org.platewatch.server.reads.ImageStore;
import org.platewatch.server.users.MemberAccess;
import org.platewatch.server.users.Permission;
import org.platewatch.server.users.UserAccount;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Entering a written request for data. The rule decides first: a forbidden request is refused (and the refusal
 * audited on its own); one the department may not answer directly is recorded with its route to the records-release
 * path; the rest wait for the administrator or designee. The request, the detections it names and its audit row
 * are written in one transaction.
 */
@Service
class ReleaseRequests {

    static final int LISTED = 200;

    private final ReleaseStore store;
    private final Agencies agencies;
    private final Agreements agreements;
    private final RequestedReads reads;
    private final ReleaseRule rule;
    private final ReleaseRefusals refusals;
    private final AuditLog audit;
    private final MemberAccess access;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final SharingRules rules;

    ReleaseRequests(
            ReleaseStore store,
            Agencies agencies,
            Agreements agreements,
            RequestedReads reads,
            ReleaseRule rule,
            ReleaseRefusals refusals,
            AuditLog audit,
            MemberAccess access,
            TransactionTemplate transaction,
            Clock clock,
            DepartmentProfile profile) {
        this.store = store;
        this.agencies = agencies;
        this.agreements = agreements;
        this.reads = reads;
        this.rule = rule;
        this.refusals = refusals;
        this.audit = audit;
        this.access = access;
        this.transaction = transaction;
        this.clock = clock;
        this.rules = profile.sharing();
    }

    ReleaseRequest enter(ReleaseRequestForm form) {
        UserAccount member = access.requireActive(Permission.APPROVE_RELEASES);
        try {
            return transaction.execute(status -> enter(member, form));
        } catch (ReleaseRefusals.Forbidden refused) {
            refusals.record(member.actor(), refused);
            throw refused;
        }
    }

    private ReleaseRequest enter(UserAccount member, ReleaseRequestForm form) {
        if (form == null) {
            throw ProblemException.invalid("agencyId", "is required");
        }
        Agency agency = agencies.existing("agencyId", form.agencyId());
        String requester = SharingInput.text("requesterName", form.requesterName(), 200);
        String contact = SharingInput.text("requesterContact", form.requesterContact(), 300);
        String caseNumber = SharingInput.text("caseNumber", form.caseNumber(), 60);
        ReleasePurpose purpose = SharingInput.oneOf("purpose", form.purpose(), ReleasePurpose.class);
        String warrant = SharingInput.optionalText("warrantNumber", form.warrantNumber(), 60);
        String text = SharingInput.optionalText("writtenRequest", form.writtenRequest(), 20_000);
        WrittenDocument document = WrittenDocument.of(form.writtenRequestDocument(), form.writtenRequestDocumentType());
        if (text == null && document == null && rules.writtenRequestRequired()) {
            throw ProblemException.invalid(
                    "writtenRequest", "is required: the agency's written request, as text or an attached document");
        }
        ReleaseVerdict verdict = rule.decide(
                new ReleaseRule.Asked(agency, purpose, SharingInput.flag(form.paymentOffered()), text),
                agreements.inForce(agency.id()));
        String who = "requester=" + requester + "; agency:" + agency.id();
        if (verdict instanceof ReleaseVerdict.Forbidden forbidden) {
            throw ReleaseRefusals.forbidden(forbidden, "agency:" + agency.id(), purpose, caseNumber, who);
        }
        // After the law's refusals, so that a forbidden request is refused (and audited) as forbidden, warrant or not.
        rule.requireWarrant(warrant, "");
        if (warrant != null) {
            who += "; warrant=" + warrant;
        }
        RequestedReads.Resolved resolved = reads.resolve(form.readIds(), form.criteria());
        ReleaseVerdict.ToRecords routed = verdict instanceof ReleaseVerdict.ToRecords r ? r : null;
        ReleaseRequest request = new ReleaseRequest(
                UUID.randomUUID(),
                agency.id(),
                requester,
                contact,
                caseNumber,
                purpose,
                warrant,
                text,
                document == null ? null : document.type(),
                document == null ? null : ImageStore.sha256(document.bytes()),
                resolved.criteria(),
                routed == null ? ReleaseRequest.Route.APPROVAL : ReleaseRequest.Route.RECORDS,
                routed == null ? null : routed.routedTo(),
                member.username(),
                clock.instant().truncatedTo(ChronoUnit.MICROS),
                resolved.readIds());
        store.enter(request, document == null ? null : document.bytes());
        audit.record(
                member.actor(),
                new AuditEvent(
                        routed == null ? "sharing.request-entered" : "sharing.request-routed",
                        "release-request:" + request.id(),
                        who
                                + (routed == null ? "" : "; routed to " + routed.routedTo() + ": " + routed.why())
                                + (resolved.criteria() == null ? "" : "; criteria " + resolved.criteria()),
                        purpose.name(),
                        caseNumber,
                        resolved.readIds().size()));
        return request;
    }

    List<ReleaseRequest> recent() {
        access.requireActive(Permission.APPROVE_RELEASES);
        return store.requests(LISTED);
    }

    ReleaseRequest existing(UUID id) {
        return store.request(id)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No release request " + id));
    }
}
