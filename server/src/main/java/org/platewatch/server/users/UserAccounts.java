package org.platewatch.server.users;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.platewatch.server.audit.AuditEvent;
import org.platewatch.server.audit.AuditLog;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.platform.ProblemType;
import org.platewatch.server.platform.SecretTokens;
import org.platewatch.server.policy.DepartmentProfile;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Individual accounts: creation (with a one-time password and a second factor), role, CLETS
 * authorisation, lock, enabled state and password. Every change writes its audit record in the same
 * transaction (DESIGN.md rule 2). Training records are {@link TrainingRecords}, personal API tokens
 * {@link PersonalTokens}, and what a member may do is {@link MemberAccess}.
 */
@Service
public class UserAccounts {

    /** Administrators do not grant themselves CLETS or record their own training: another must. */
    public static final ProblemType OWN_ACCOUNT = new ProblemType(
            "own-account-change-refused",
            "Another administrator must make this change to your account",
            org.springframework.http.HttpStatus.FORBIDDEN);

    private static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{1,39}");
    private static final int MIN_PASSWORD = 12;
    /** Names the audit log uses for actors that are not members. */
    private static final Set<String> RESERVED = Set.of("system", "anonymous", "unknown");

    private final UserStore store;
    private final PasswordEncoder passwords;
    private final AuditLog audit;
    private final Clock clock;
    private final DepartmentProfile profile;
    private final SecondFactor secondFactor;
    private final TrainingRecords training;
    private final HolderConfirmation confirmation;
    private final SecondFactorEnrolment enrolment;

    UserAccounts(
            UserStore store,
            PasswordEncoder passwords,
            AuditLog audit,
            Clock clock,
            DepartmentProfile profile,
            SecondFactor secondFactor,
            TrainingRecords training,
            HolderConfirmation confirmation,
            SecondFactorEnrolment enrolment) {
        this.enrolment = enrolment;
        this.store = store;
        this.passwords = passwords;
        this.audit = audit;
        this.clock = clock;
        this.profile = profile;
        this.secondFactor = secondFactor;
        this.training = training;
        this.confirmation = confirmation;
    }

    // ---------------------------------------------------------------- creation

    /**
     * Creates an account with the given password (the holder must change it at first sign-in) and a
     * TOTP secret nobody is shown: for local set-ups that give their own password (the demo, tests).
     */
    @Transactional
    public UserAccount create(NewUser user, String password, Actor createdBy) {
        return insert(user, password, secondFactor.newSecret(), createdBy);
    }

    /**
     * Creates an account with a one-time password, returned once, and no second factor: the holder enrols
     * their own at first sign-in ({@link #completeFirstSignIn}), so the creating administrator never holds
     * both factors of someone else's account.
     */
    @Transactional
    public NewAccount createWithCredentials(NewUser user, Actor createdBy) {
        String password = SecretTokens.oneTimePassword();
        UserAccount account = insert(user, password, null, createdBy);
        return new NewAccount(account, password);
    }

    /** As {@link #createWithCredentials}, with the holder's training record, in the same transaction. */
    @Transactional
    public NewAccount createWithTraining(NewUser user, TrainingRecord record, Actor createdBy) {
        NewAccount created = createWithCredentials(user, createdBy);
        UserAccount account = training.record(created.account().username(), record, createdBy);
        return new NewAccount(account, created.oneTimePassword());
    }

    private UserAccount insert(NewUser user, String password, String totpSecret, Actor createdBy) {
        validate(user);
        UUID id = UUID.randomUUID();
        if (!store.insert(id, user, passwords.encode(password), totpSecret, clock.instant(), createdBy.username())) {
            throw new ProblemException(
                    ProblemType.CONFLICT, "username", "username: '" + user.username() + "' is taken");
        }
        audit.record(
                createdBy,
                AuditEvent.of("user.created", "user:" + user.username())
                        .withTerms("role=" + user.role() + ", designee=" + user.designee() + ", clets="
                                + user.cletsAuthorised() + ", classification=" + user.jobClassification()
                                + ", second-factor=" + (totpSecret == null ? "at-first-sign-in" : "enrolled")));
        if (user.trainedOn() != null) {
            training.record(
                    id,
                    user.username(),
                    new TrainingRecord(user.trainedOn(), "ALPR operator training", "department trainer"),
                    createdBy);
        }
        return store.require(user.username());
    }

    private void validate(NewUser user) {
        if (user.username() == null || !USERNAME.matcher(user.username()).matches()) {
            throw ProblemException.invalid(
                    "username", "must be 2-40 lower-case letters, digits, '.', '_' or '-', starting with a letter");
        }
        if (RESERVED.contains(user.username())) {
            throw ProblemException.invalid("username", "'" + user.username() + "' is reserved for the audit log");
        }
        RequiredText.require("fullName", user.fullName());
        if (user.role() == null) {
            throw ProblemException.invalid(
                    "role", "is required: one of officer, investigator, supervisor, " + "administrator, auditor");
        }
        if (user.designee() && user.role() != Role.ADMINISTRATOR) {
            throw ProblemException.invalid("designee", "only an ALPR administrator account can be the designee");
        }
        checkClassification(user.jobClassification());
    }

    /** Where the policy names the job classifications that may be trained, a stated one must be among them. */
    private void checkClassification(String classification) {
        List<String> allowed = profile.training().authorizedClassifications();
        if (classification == null || allowed.isEmpty()) {
            return;
        }
        boolean known = allowed.stream().anyMatch(a -> a.equalsIgnoreCase(classification.trim()));
        if (!known) {
            throw ProblemException.invalid(
                    "jobClassification",
                    "the " + profile.departmentName() + " policy authorises " + String.join("; ", allowed));
        }
    }

    // ---------------------------------------------------------------- changes

    @Transactional
    public UserAccount changeRole(String username, Role role, boolean designee, Actor changedBy) {
        UserAccount before = store.require(username);
        if (designee && role != Role.ADMINISTRATOR) {
            throw ProblemException.invalid("designee", "only an ALPR administrator account can be the designee");
        }
        if (before.username().equals(changedBy.username()) && role != Role.ADMINISTRATOR) {
            throw new ProblemException(
                    ProblemType.CONFLICT,
                    "role",
                    "role: an administrator cannot take away their own administrator role");
        }
        store.setRole(before.id(), role, designee);
        audit.record(
                changedBy,
                AuditEvent.of("user.role-changed", "user:" + username)
                        .withTerms("role=" + before.role() + "->" + role + ", designee=" + before.designee() + "->"
                                + designee));
        return store.require(username);
    }

    @Transactional
    public UserAccount setCletsAuthorised(String username, boolean authorised, Actor changedBy) {
        UserAccount before = store.require(username);
        if (before.username().equals(changedBy.username())) {
            throw new ProblemException(
                    OWN_ACCOUNT,
                    "username",
                    "username: another administrator must change your own CLETS authorisation");
        }
        store.setCletsAuthorised(before.id(), authorised);
        audit.record(
                changedBy,
                AuditEvent.of("user.clets-changed", "user:" + username)
                        .withTerms("clets=" + before.cletsAuthorised() + "->" + authorised));
        return store.require(username);
    }

    @Transactional
    public UserAccount unlock(String username, Actor unlockedBy) {
        UserAccount before = store.require(username);
        store.unlock(before.id());
        audit.record(
                unlockedBy,
                AuditEvent.of("user.unlocked", "user:" + username).withTerms("was-locked=" + before.locked()));
        return store.require(username);
    }

    /** Disables the account: no sign-in, its tokens stop working. The account and its history stay. */
    @Transactional
    public UserAccount disable(String username, Actor disabledBy) {
        UserAccount before = store.require(username);
        if (before.username().equals(disabledBy.username())) {
            throw new ProblemException(
                    ProblemType.CONFLICT, "username", "username: you cannot disable your own account");
        }
        store.disable(before.id(), clock.instant());
        audit.record(disabledBy, AuditEvent.of("user.disabled", "user:" + username));
        return store.require(username);
    }

    @Transactional
    public UserAccount enable(String username, Actor enabledBy) {
        UserAccount before = store.require(username);
        store.enable(before.id());
        audit.record(enabledBy, AuditEvent.of("user.enabled", "user:" + username));
        return store.require(username);
    }

    /**
     * Changes the holder's own password; the current one must be given, and a wrong one counts towards the
     * lock-out (a leaked token or an open session must not allow password guessing). Clears "must change at
     * first sign-in".
     */
    @Transactional
    public void changePassword(String username, String currentPassword, String newPassword, Actor changedBy) {
        UserAccount account = store.require(username);
        if (!account.secondFactorEnrolled() && secondFactor.required()) {
            throw new ProblemException(
                    ProblemType.CONFLICT,
                    "code",
                    "code: the account has no second factor yet; "
                            + "change the one-time password on the console's first sign-in page, which enrols one");
        }
        confirmation.confirmPassword(account, currentPassword);
        checkNewPassword(username, currentPassword, newPassword);
        store.setPassword(account.id(), passwords.encode(newPassword));
        audit.record(changedBy, AuditEvent.of("user.password-changed", "user:" + username));
    }

    /**
     * The first sign-in of an account created without a second factor: the holder replaces the one-time
     * password and enrols the TOTP secret the console showed them, proving it with a current code from it.
     * Both or neither: the password is not changed unless the code is right.
     */
    @Transactional
    public void completeFirstSignIn(
            String username, String currentPassword, String newPassword, String totpSecret, String code) {
        UserAccount account = store.require(username);
        if (account.secondFactorEnrolled()) {
            throw new ProblemException(ProblemType.CONFLICT, "code", "code: the account already has a second factor");
        }
        confirmation.confirmPassword(account, currentPassword);
        checkNewPassword(username, currentPassword, newPassword);
        enrolment.enrolAtFirstSignIn(account, totpSecret, code);
        store.setPassword(account.id(), passwords.encode(newPassword));
        audit.record(account.actor(), AuditEvent.of("user.password-changed", "user:" + username));
    }

    private static void checkNewPassword(String username, String currentPassword, String newPassword) {
        if (newPassword == null || newPassword.length() < MIN_PASSWORD || newPassword.length() > RequiredText.MAX) {
            throw ProblemException.invalid(
                    "newPassword", "must be " + MIN_PASSWORD + " to " + RequiredText.MAX + " characters");
        }
        if (newPassword.equals(currentPassword) || newPassword.equalsIgnoreCase(username)) {
            throw ProblemException.invalid("newPassword", "must differ from the current password and the user name");
        }
    }

    // ---------------------------------------------------------------- lookups

    /** Whether the holder still has to replace the one-time password (the console asks at sign-in). */
    public boolean mustChangePassword(String username) {
        return store.mustChangePassword(username);
    }

    public Optional<UserAccount> findByUsername(String username) {
        return store.find(username);
    }

    public List<UserAccount> all() {
        return store.all();
    }

    public long count() {
        return store.count();
    }

    /** The account, or the 404 problem for an unknown name. */
    UserAccount require(String username) {
        return store.require(username);
    }

    /** What console sign-in checks: password hash, TOTP secret and last accepted step. */
    Optional<SignInRecord> signInRecord(String username) {
        return store.signInRecord(username);
    }

    /** What an administrator gives to create an account. */
    public record NewUser(
            String username,
            String fullName,
            Role role,
            boolean cletsAuthorised,
            LocalDate trainedOn,
            boolean designee,
            String jobClassification) {

        public NewUser(String username, String fullName, Role role, boolean cletsAuthorised, LocalDate trainedOn) {
            this(username, fullName, role, cletsAuthorised, trainedOn, false, null);
        }
    }

    /** A new account with its one-time password: shown once. Its holder enrols the second factor. */
    public record NewAccount(UserAccount account, String oneTimePassword) {}
}
