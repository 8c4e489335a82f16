package org.platewatch.server.sharing;

import org.platewatch.server.audit.AuditEvent;
import org.platewatch.server.audit.AuditLog;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.platform.ProblemType;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Audits a release the law or the profile forbids. The refused action rolls back, so its refusal is written in a
 * transaction of its own: the log shows every attempt to send data where it may not go, by whom, for which case.
 */
@Component
class ReleaseRefusals {

    static final ProblemType FORBIDDEN_RELEASE = new ProblemType(
            "release-forbidden",
            "The law or the department's policy forbids this release",
            HttpStatus.UNPROCESSABLE_CONTENT);

    /** A forbidden release, on its way out of the refused transaction. */
    static final class Forbidden extends ProblemException {

        private final transient ReleaseVerdict.Forbidden verdict;
        private final transient AuditEvent event;

        Forbidden(ReleaseVerdict.Forbidden verdict, AuditEvent event) {
            super(FORBIDDEN_RELEASE, fieldOf(verdict.ground()), "Refused: " + verdict.detail());
            this.verdict = verdict;
            this.event = event;
        }

        ReleaseVerdict.Forbidden verdict() {
            return verdict;
        }
    }

    private final AuditLog audit;
    private final TransactionTemplate ownTransaction;

    ReleaseRefusals(AuditLog audit, PlatformTransactionManager transactions) {
        this.audit = audit;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The exception to throw for {@code verdict}; {@link #record} audits it once the refused work rolled back. */
    static Forbidden forbidden(
            ReleaseVerdict.Forbidden verdict, String subject, ReleasePurpose purpose, String caseNumber, String terms) {
        return new Forbidden(
                verdict,
                new AuditEvent(
                        "sharing.release-refused",
                        subject,
                        "ground=" + verdict.ground() + "; " + terms,
                        purpose == null ? null : purpose.name(),
                        caseNumber,
                        null));
    }

    /** An approval whose approver did not confirm (password, code): no decision is written, the attempt is logged. */
    void recordUnconfirmedApproval(Actor actor, java.util.UUID requestId, ProblemException refused) {
        recordRefusedApproval(actor, requestId, refused.type().slug());
    }

    /** An approval refused before anything was decided ({@code reason}: why), logged once the approval rolled back. */
    void recordRefusedApproval(Actor actor, java.util.UUID requestId, String reason) {
        ownTransaction.executeWithoutResult(status -> audit.record(
                actor,
                AuditEvent.of("sharing.approval-refused", "release-request:" + requestId)
                        .withTerms("reason=" + reason)));
    }

    void record(Actor actor, Forbidden refusal) {
        ownTransaction.executeWithoutResult(status -> audit.record(actor, refusal.event));
    }

    private static String fieldOf(ReleaseVerdict.RefusalGround ground) {
        return switch (ground) {
            case SALE -> "paymentOffered";
            case IMMIGRATION_ENFORCEMENT -> "purpose";
            case FEDERAL_AGENCY, OUT_OF_STATE, NOT_A_PROFILE_RECIPIENT, NO_AGREEMENT_IN_FORCE -> "agencyId";
        };
    }
}
