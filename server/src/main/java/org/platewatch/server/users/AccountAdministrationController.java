package org.platewatch.server.users;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.platewatch.server.audit.AuditEvent;
import org.platewatch.server.audit.AuditLog;
import org.platewatch.server.platform.ProblemException;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ALPR administrator's (and designee's) account management. Every call is checked against
 * {@link Permission#MANAGE_USERS} and every change is audited in its own transaction. Every change also needs
 * a console session and, in its body, the administrator's {@code currentPassword} and a fresh {@code code}
 * ({@link Reauthentication}): a personal API token may list accounts but not change them. The check and the
 * change share one transaction, so a refused change does not use up the code.
 */
@RestController
@RequestMapping("/api/v1/users")
class AccountAdministrationController {

    private final UserAccounts accounts;
    private final TrainingRecords training;
    private final SecondFactorEnrolment enrolment;
    private final MemberAccess access;
    private final AuditLog audit;
    private final Reauthentication reauthentication;

    AccountAdministrationController(
            UserAccounts accounts,
            TrainingRecords training,
            SecondFactorEnrolment enrolment,
            MemberAccess access,
            AuditLog audit,
            Reauthentication reauthentication) {
        this.reauthentication = reauthentication;
        this.accounts = accounts;
        this.training = training;
        this.enrolment = enrolment;
        this.access = access;
        this.audit = audit;
    }

    @GetMapping
    @Transactional
    List<AccountView> list() {
        UserAccount admin = access.requireActive(Permission.MANAGE_USERS);
        List<AccountView> all = accounts.all().stream().map(this::view).toList();
        audit.record(admin.actor(), new AuditEvent("user.listed", "users", null, null, null, all.size()));
        return all;
    }

    /** Accounts whose training lapses within {@code days} (default 30): the console's warning list. */
    @GetMapping("/training-lapsing")
    List<AccountView> lapsing(@org.springframework.web.bind.annotation.RequestParam(defaultValue = "30") int days) {
        access.requireActive(Permission.MANAGE_USERS);
        if (days < 0 || days > 366) {
            throw ProblemException.invalid("days", "must be between 0 and 366");
        }
        return training.lapsingWithin(Duration.ofDays(days)).stream()
                .map(this::view)
                .toList();
    }

    @PostMapping
    @Transactional
    ResponseEntity<Created> create(@RequestBody CreateRequest request) {
        UserAccount admin = confirmed(request.currentPassword(), request.code());
        Role role = role(request.role());
        UserAccounts.NewUser user = new UserAccounts.NewUser(
                request.username(),
                request.fullName(),
                role,
                Boolean.TRUE.equals(request.cletsAuthorised()),
                null,
                Boolean.TRUE.equals(request.designee()),
                request.jobClassification());
        UserAccounts.NewAccount created = request.training() == null
                ? accounts.createWithCredentials(user, admin.actor())
                : accounts.createWithTraining(user, request.training().toRecord(), admin.actor());
        return ResponseEntity.created(
                        URI.create("/api/v1/users/" + created.account().username()))
                .body(new Created(view(created.account()), created.oneTimePassword()));
    }

    @PutMapping("/{username}/role")
    @Transactional
    AccountView changeRole(@PathVariable String username, @RequestBody RoleRequest request) {
        UserAccount admin = confirmed(request.currentPassword(), request.code());
        return view(accounts.changeRole(
                username, role(request.role()), Boolean.TRUE.equals(request.designee()), admin.actor()));
    }

    @PostMapping("/{username}/training")
    @Transactional
    AccountView recordTraining(@PathVariable String username, @RequestBody TrainingRequest request) {
        UserAccount admin = confirmed(request.currentPassword(), request.code());
        return view(training.record(username, request.toRecord(), admin.actor()));
    }

    /**
     * Issues a new TOTP secret for a member who lost their authenticator (or whose account predates
     * the second factor); the URI is returned once, to be handed over in person.
     */
    @PostMapping("/{username}/second-factor")
    @Transactional
    java.util.Map<String, String> resetSecondFactor(
            @PathVariable String username, @RequestBody(required = false) Confirmation confirmation) {
        UserAccount admin = confirmed(confirmation);
        return java.util.Map.of("otpauthUri", enrolment.enrol(username, admin.actor()));
    }

    @PutMapping("/{username}/clets")
    @Transactional
    AccountView clets(@PathVariable String username, @RequestBody CletsRequest request) {
        UserAccount admin = confirmed(request.currentPassword(), request.code());
        if (request.authorised() == null) {
            throw ProblemException.invalid("authorised", "is required: true or false");
        }
        return view(accounts.setCletsAuthorised(username, request.authorised(), admin.actor()));
    }

    @PostMapping("/{username}/unlock")
    @Transactional
    AccountView unlock(@PathVariable String username, @RequestBody(required = false) Confirmation confirmation) {
        UserAccount admin = confirmed(confirmation);
        return view(accounts.unlock(username, admin.actor()));
    }

    @PostMapping("/{username}/disable")
    @Transactional
    AccountView disable(@PathVariable String username, @RequestBody(required = false) Confirmation confirmation) {
        UserAccount admin = confirmed(confirmation);
        return view(accounts.disable(username, admin.actor()));
    }

    @PostMapping("/{username}/enable")
    @Transactional
    AccountView enable(@PathVariable String username, @RequestBody(required = false) Confirmation confirmation) {
        UserAccount admin = confirmed(confirmation);
        return view(accounts.enable(username, admin.actor()));
    }

    private UserAccount confirmed(Confirmation confirmation) {
        Confirmation c = confirmation == null ? new Confirmation(null, null) : confirmation;
        return confirmed(c.currentPassword(), c.code());
    }

    private UserAccount confirmed(String currentPassword, String code) {
        return reauthentication.confirm(Permission.MANAGE_USERS, currentPassword, code);
    }

    private AccountView view(UserAccount account) {
        return AccountView.of(account, accounts, training, access);
    }

    private static Role role(String value) {
        return Role.parse(value)
                .orElseThrow(() -> ProblemException.invalid(
                        "role", "must be one of officer, investigator, supervisor, administrator, auditor"));
    }

    record CreateRequest(
            String username,
            String fullName,
            String role,
            Boolean designee,
            Boolean cletsAuthorised,
            String jobClassification,
            TrainingRequest training,
            String currentPassword,
            String code) {}

    /** The administrator's re-authentication, for changes that carry nothing else. */
    record Confirmation(String currentPassword, String code) {}

    record TrainingRequest(LocalDate completedOn, String course, String trainer, String currentPassword, String code) {
        TrainingRecord toRecord() {
            return new TrainingRecord(completedOn, course, trainer);
        }
    }

    record RoleRequest(String role, Boolean designee, String currentPassword, String code) {}

    record CletsRequest(Boolean authorised, String currentPassword, String code) {}

    /**
     * The new account with its one-time password: shown in this response only. The holder enrols their own
     * second factor at first sign-in, so the creating administrator never holds both.
     */
    record Created(AccountView account, String oneTimePassword) {}
}
