package org.platewatch.server.hub;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.platewatch.server.audit.AuditEvent;
import org.platewatch.server.audit.AuditLog;
import org.platewatch.server.platform.AgencyId;
import org.platewatch.server.platform.AgencyScope;
import org.platewatch.server.platform.HubProperties;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.platform.ProblemType;
import org.platewatch.server.users.Permission;
import org.platewatch.server.users.Reauthentication;
import org.platewatch.server.users.Role;
import org.platewatch.server.users.UserAccount;
import org.platewatch.server.users.UserAccounts;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A registered agency's first administrator, created by an administrator of the home agency (who re-authenticates,
 * as for any account): an administrator account of that agency with a one-time password, shown once, and no second
 * factor, which its holder enrols at first sign-in. From then on the agency's own administrators create its members.
 */
@Service
class HubFirstAdministrators {

    /** What the home administrator sends: the new holder's username and name, and when they were trained. */
    record NewAdministrator(String username, String fullName, String trainedOn, String currentPassword, String code) {}

    /** The account made, and its one-time password: in this response only. */
    record Created(String username, String fullName, int agencyId, String agencyCode, String oneTimePassword) {}

    private final HubStore store;
    private final UserAccounts accounts;
    private final Reauthentication reauthentication;
    private final AuditLog audit;
    private final HubProperties hub;
    private final TransactionTemplate transactions;

    HubFirstAdministrators(
            HubStore store,
            UserAccounts accounts,
            Reauthentication reauthentication,
            AuditLog audit,
            HubProperties hub,
            TransactionTemplate transactions) {
        this.store = store;
        this.accounts = accounts;
        this.reauthentication = reauthentication;
        this.audit = audit;
        this.hub = hub;
        this.transactions = transactions;
    }

    /**
     * Two transactions, by necessity: the account is inserted on a connection acting for the new agency (so it is
     * that agency's, and its {@code user.created} record with it), the home agency's own record of the act on one
     * acting for the home agency. Each connection carries its agency from the moment it is handed out.
     */
    Created create(int agencyId, NewAdministrator form) {
        if (!hub.enabled()) {
            throw new ProblemException(ProblemType.NOT_FOUND, "this server is not a hub (PLATEWATCH_HUB_ENABLED)");
        }
        NewAdministrator f = form == null ? new NewAdministrator(null, null, null, null, null) : form;
        UserAccount admin = reauthentication.confirm(Permission.MANAGE_USERS, f.currentPassword(), f.code());
        if (!admin.agency().equals(AgencyId.HOME)) {
            throw new ProblemException(
                    ProblemType.FORBIDDEN, "only the hub's own administrators create an agency's first administrator");
        }
        HubAgency agency = store.agencies().stream()
                .filter(a -> a.id() == agencyId)
                .findFirst()
                .orElseThrow(() -> new ProblemException(
                        ProblemType.NOT_FOUND, "id", "id: no agency " + agencyId + " is registered"));
        if (agency.agency().equals(AgencyId.HOME)) {
            throw ProblemException.invalid("id", "is the home agency: its administrators create its accounts");
        }
        if (f.fullName() == null || f.fullName().isBlank()) {
            throw ProblemException.invalid("fullName", "is required");
        }
        UserAccounts.NewUser user = new UserAccounts.NewUser(
                f.username(), f.fullName().strip(), Role.ADMINISTRATOR, false, trainedOn(f.trainedOn()));
        UserAccounts.NewAccount created =
                AgencyScope.actingFor(agency.agency(), () -> accounts.createWithCredentials(user, admin.actor()));
        AgencyScope.actingFor(
                AgencyId.HOME,
                () -> transactions.executeWithoutResult(tx -> audit.record(
                        admin.actor(),
                        AuditEvent.of("hub.first-administrator-created", "user:" + user.username())
                                .withTerms("agency=" + agency.code()))));
        return new Created(
                created.account().username(),
                created.account().fullName(),
                agency.id(),
                agency.code(),
                created.oneTimePassword());
    }

    private static LocalDate trainedOn(String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("trainedOn", "is a date, YYYY-MM-DD");
        }
    }
}
