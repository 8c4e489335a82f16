package org.platewatch.server.hub;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.platewatch.server.audit.AuditEvent;
import org.platewatch.server.audit.AuditLog;
import org.platewatch.server.platform.AgencyId;
import org.platewatch.server.platform.HubProperties;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.platform.ProblemType;
import org.platewatch.server.policy.DepartmentProfile;
import org.platewatch.server.policy.ShippedProfiles;
import org.platewatch.server.users.MemberAccess;
import org.platewatch.server.users.Permission;
import org.platewatch.server.users.UserAccount;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The hub's agencies and their standing agreements. The home agency's administrators register agencies; an agency's
 * administrators share its own reads with another agency, and withdraw what they shared. Each change is audited in
 * its transaction. Outside hub mode there is one agency and nothing here is open (404).
 */
@Service
class HubAgencies {

    /**
     * What the home administrator types to register an agency: {@code profile} is the shipped profile whose retention
     * its reads are purged by (e.g. {@code san-leandro}); none, the profile in force.
     */
    record NewAgency(String code, String name, String profile) {}

    /** A standing agreement the caller's agency makes: its reads to {@code grantee} from {@code startsOn}. */
    record NewAgreement(String grantee, String startsOn, String endsOn) {}

    private final HubStore store;
    private final AuditLog audit;
    private final MemberAccess access;
    private final HubProperties hub;
    private final Clock clock;

    HubAgencies(HubStore store, AuditLog audit, MemberAccess access, HubProperties hub, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.access = access;
        this.hub = hub;
        this.clock = clock;
    }

    @Transactional
    HubAgency register(NewAgency form) {
        UserAccount admin = administrator();
        if (!admin.agency().equals(AgencyId.HOME)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "only the hub's own administrators register agencies");
        }
        if (form == null || form.code() == null || !form.code().matches("[a-z0-9][a-z0-9-]{1,39}")) {
            throw ProblemException.invalid("code", "is 2 to 40 lower-case letters, digits and hyphens");
        }
        if (form.name() == null || form.name().isBlank() || form.name().length() > 200) {
            throw ProblemException.invalid("name", "is required, at most 200 characters");
        }
        DepartmentProfile profile = profileOf(form.profile());
        int id = store.register(form.code(), form.name().strip(), profile, admin.username(), clock.instant());
        if (id == 0) {
            throw new ProblemException(ProblemType.CONFLICT, "code", "code: agency " + form.code() + " exists");
        }
        audit.record(
                admin.actor(),
                AuditEvent.of("hub.agency-registered", "agency:" + form.code())
                        .withTerms(
                                "name=" + form.name() + ", profile=" + (profile == null ? "in force" : profile.key())));
        return store.agency(form.code()).orElseThrow();
    }

    List<HubAgency> agencies() {
        administrator();
        return store.agencies();
    }

    @Transactional
    HubAgreement share(NewAgreement form) {
        UserAccount admin = administrator();
        if (form == null || form.grantee() == null) {
            throw ProblemException.invalid("grantee", "is required: the code of the agency to share with");
        }
        HubAgency grantee = store.agency(form.grantee())
                .orElseThrow(
                        () -> ProblemException.invalid("grantee", "no agency " + form.grantee() + " is registered"));
        if (grantee.agency().equals(admin.agency())) {
            throw ProblemException.invalid("grantee", "is the agency's own");
        }
        LocalDate starts = form.startsOn() == null ? LocalDate.now(clock) : day("startsOn", form.startsOn());
        LocalDate ends = form.endsOn() == null ? null : day("endsOn", form.endsOn());
        if (ends != null && ends.isBefore(starts)) {
            throw ProblemException.invalid("endsOn", "is before startsOn");
        }
        long id = store.recordAgreement(
                admin.agency().value(), grantee.id(), starts, ends, admin.username(), clock.instant());
        audit.record(
                admin.actor(),
                AuditEvent.of("hub.agreement-recorded", "hub-agreement:" + id)
                        .withTerms("grantor=" + admin.agency().value() + ", grantee=" + grantee.code() + ", starts="
                                + starts + ", ends=" + ends));
        return store.agreement(id).orElseThrow();
    }

    @Transactional
    HubAgreement withdraw(long id) {
        UserAccount admin = administrator();
        if (!store.withdraw(id, admin.agency().value(), admin.username(), clock.instant())) {
            throw new ProblemException(
                    ProblemType.NOT_FOUND, "id", "id: the agency made no agreement " + id + " still in force");
        }
        audit.record(admin.actor(), AuditEvent.of("hub.agreement-withdrawn", "hub-agreement:" + id));
        return store.agreement(id).orElseThrow();
    }

    List<HubAgreement> agreements() {
        return store.agreementsOf(administrator().agency().value());
    }

    private UserAccount administrator() {
        if (!hub.enabled()) {
            throw new ProblemException(ProblemType.NOT_FOUND, "this server is not a hub (PLATEWATCH_HUB_ENABLED)");
        }
        return access.requireActive(Permission.MANAGE_SHARING);
    }

    /** The shipped profile named, whose detections are purged at an age; null when none is named. */
    private static DepartmentProfile profileOf(String name) {
        if (name == null) {
            return null;
        }
        DepartmentProfile profile = ShippedProfiles.byName(name)
                .orElseThrow(() -> ProblemException.invalid(
                        "profile", "is one of the shipped profiles: " + String.join(", ", ShippedProfiles.allNames())));
        if (profile.detectionRetention().purgeAfter().isEmpty()) {
            throw ProblemException.invalid("profile", "keeps detections indefinitely; a hub agency's reads are purged");
        }
        return profile;
    }

    private static LocalDate day(String field, String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "is a date, YYYY-MM-DD");
        }
    }
}
