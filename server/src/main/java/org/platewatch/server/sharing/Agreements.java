package org.platewatch.server.sharing;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.platewatch.server.audit.AuditEvent;
import org.platewatch.server.audit.AuditLog;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.platform.ProblemType;
import org.platewatch.server.policy.DepartmentProfile;
import org.platewatch.server.users.MemberAccess;
import org.platewatch.server.users.Permission;
import org.platewatch.server.users.UserAccount;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Standing agreements, kept by administrators. Every change is audited with who, when and the values before and
 * after, in the transaction of the change: a department once could not tell who had switched its vendor's
 * nationwide sharing back on.
 */
@Service
class Agreements {

    /** What an administrator types for an agreement. */
    record AgreementForm(Long agencyId, String mouDate, String scope, String startsOn, String endsOn) {}

    private final SharingStore store;
    private final Agencies agencies;
    private final AuditLog audit;
    private final MemberAccess access;
    private final Clock clock;
    private final DepartmentProfile profile;

    Agreements(
            SharingStore store,
            Agencies agencies,
            AuditLog audit,
            MemberAccess access,
            Clock clock,
            DepartmentProfile profile) {
        this.store = store;
        this.agencies = agencies;
        this.audit = audit;
        this.access = access;
        this.clock = clock;
        this.profile = profile;
    }

    List<Agreement> all() {
        access.requireActive(Permission.MANAGE_SHARING);
        return store.agreements();
    }

    @Transactional
    Agreement record(AgreementForm form) {
        UserAccount admin = access.requireActive(Permission.MANAGE_SHARING);
        Valid v = valid(form);
        long id = store.recordAgreement(
                v.agency().id(), v.mou(), v.scope(), v.starts(), v.ends(), admin.username(), clock.instant());
        Agreement saved = store.agreementForUpdate(id).orElseThrow();
        audit.record(
                admin.actor(),
                AuditEvent.of("sharing.agreement-recorded", "agreement:" + id).withTerms(saved.terms()));
        return saved;
    }

    @Transactional
    Agreement change(long id, AgreementForm form) {
        UserAccount admin = access.requireActive(Permission.MANAGE_SHARING);
        Agreement before = current(id);
        Valid v = valid(form);
        if (v.agency().id() != before.agencyId()) {
            throw ProblemException.invalid("agencyId", "an agreement stays with its agency; record a new one");
        }
        store.changeAgreement(id, v.mou(), v.scope(), v.starts(), v.ends(), admin.username(), clock.instant());
        Agreement after = store.agreementForUpdate(id).orElseThrow();
        audit.record(
                admin.actor(),
                AuditEvent.of("sharing.agreement-changed", "agreement:" + id)
                        .withTerms(before.terms() + " -> " + after.terms()));
        return after;
    }

    @Transactional
    Agreement withdraw(long id) {
        UserAccount admin = access.requireActive(Permission.MANAGE_SHARING);
        Agreement before = current(id);
        store.withdrawAgreement(id, admin.username(), clock.instant());
        audit.record(
                admin.actor(),
                AuditEvent.of("sharing.agreement-withdrawn", "agreement:" + id).withTerms(before.terms()));
        return store.agreementForUpdate(id).orElseThrow();
    }

    /** Whether a standing agreement with the agency is in force today, in the department's zone. */
    boolean inForce(long agencyId) {
        LocalDate today = LocalDate.now(clock.withZone(profile.zone()));
        return store.agreementsOf(agencyId).stream().anyMatch(a -> a.inForce(today));
    }

    private Agreement current(long id) {
        Agreement a = store.agreementForUpdate(id)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No agreement " + id));
        if (a.withdrawnAt() != null) {
            throw new ProblemException(ProblemType.CONFLICT, "Agreement " + id + " was withdrawn");
        }
        return a;
    }

    private record Valid(Agency agency, LocalDate mou, String scope, LocalDate starts, LocalDate ends) {}

    private Valid valid(AgreementForm form) {
        if (form == null) {
            throw ProblemException.invalid("agencyId", "is required");
        }
        Agency agency = agencies.existing("agencyId", form.agencyId());
        LocalDate mou = SharingInput.date("mouDate", form.mouDate());
        String scope = SharingInput.text("scope", form.scope(), 2000);
        LocalDate starts = form.startsOn() == null || form.startsOn().isBlank()
                ? mou
                : SharingInput.date("startsOn", form.startsOn());
        LocalDate ends = SharingInput.optionalDate("endsOn", form.endsOn());
        if (ends != null && ends.isBefore(starts)) {
            throw ProblemException.invalid("endsOn", "must not be before the agreement starts (" + starts + ")");
        }
        return new Valid(agency, mou, scope, starts, ends);
    }
}
