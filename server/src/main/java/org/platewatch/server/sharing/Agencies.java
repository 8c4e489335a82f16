package org.platewatch.server.sharing;

import java.time.Clock;
import java.util.List;
import org.platewatch.server.audit.AuditEvent;
import org.platewatch.server.audit.AuditLog;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.platform.ProblemType;
import org.platewatch.server.users.MemberAccess;
import org.platewatch.server.users.Permission;
import org.platewatch.server.users.UserAccount;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Registering the agencies that may ask for data. Each registration is audited in its transaction. */
@Service
class Agencies {

    /** What an administrator types to register an agency. */
    record NewAgency(String name, String kind, String state, Boolean federal, String contact) {}

    private final SharingStore store;
    private final AuditLog audit;
    private final MemberAccess access;
    private final Clock clock;

    Agencies(SharingStore store, AuditLog audit, MemberAccess access, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.access = access;
        this.clock = clock;
    }

    @Transactional
    Agency register(NewAgency form) {
        UserAccount admin = access.requireActive(Permission.MANAGE_SHARING);
        if (form == null) {
            throw ProblemException.invalid("name", "is required");
        }
        String name = SharingInput.text("name", form.name(), 200);
        AgencyKind kind = SharingInput.oneOf("kind", form.kind(), AgencyKind.class);
        String state = SharingInput.state("state", form.state());
        if (form.federal() == null) {
            throw ProblemException.invalid("federal", "is required: say whether the agency is a federal agency");
        }
        String contact = SharingInput.text("contact", form.contact(), 300);
        // A federal agency registered as a local one is refused here already: the rule would refuse its requests
        // anyway, but the register should not hold a false label.
        if (!form.federal() && FederalMarks.looksFederal(name, contact)) {
            throw ProblemException.invalid(
                    "federal", "the name or contact is that of a federal agency; register it as federal");
        }
        long id = store.registerAgency(name, kind, state, form.federal(), contact, admin.username(), clock.instant());
        audit.record(
                admin.actor(),
                AuditEvent.of("sharing.agency-registered", "agency:" + id)
                        .withTerms("name=" + name + ", kind=" + kind + ", state=" + state + ", federal="
                                + form.federal() + ", contact=" + contact));
        return store.agency(id).orElseThrow();
    }

    List<Agency> all() {
        access.requireActive(Permission.MANAGE_SHARING);
        return store.agencies();
    }

    /** The agency, or 400 naming {@code field}: an id from a request body is the caller's word, not a fact. */
    Agency existing(String field, Long id) {
        if (id == null) {
            throw ProblemException.invalid(field, "is required");
        }
        return store.agency(id)
                .orElseThrow(() -> new ProblemException(
                        ProblemType.INVALID_FIELD, field, field + ": no agency " + id + " is registered"));
    }
}
