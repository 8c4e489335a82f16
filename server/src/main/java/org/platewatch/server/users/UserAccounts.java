package org.platewatch.server.users;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.regex.Pattern;
import org.platewatch.server.audit.AuditEvent;
import org.platewatch.server.audit.AuditLog;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.platform.ProblemType;
import org.platewatch.server.platform.SecretTokens;
import org.platewatch.server.policy.DepartmentProfile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Individual accounts, their training records, second factor, lock-out and personal API tokens.
 * Every change writes its audit record in the same transaction (DESIGN.md rule 2).
 */
@Service
public class UserAccounts {

    static final String TOKEN_PREFIX = "pwu_";
    /** The holder's current password and a fresh TOTP code did not both check out. */
    static final ProblemType CONFIRMATION_FAILED = new ProblemType("holder-confirmation-failed",
            "The current password and authenticator code are needed", HttpStatus.FORBIDDEN);
    private static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{1,39}");
    private static final int MAX_TEXT = 200;
    private static final int MIN_PASSWORD = 12;
    /** Names the audit log uses for actors that are not members. */
    private static final java.util.Set<String> RESERVED = java.util.Set.of("system", "anonymous", "unknown");

    private static final String SELECT = """
            SELECT u.id, u.username, u.full_name, u.role, u.enabled, u.clets_authorised, u.designee,
                   u.job_classification, u.locked_at IS NOT NULL AS locked, u.totp_secret IS NOT NULL AS enrolled,
                   (SELECT max(t.completed_on) FROM training_records t WHERE t.user_id = u.id) AS trained_on
            FROM users u
            """;

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final AuditLog audit;
    private final Clock clock;
    private final DepartmentProfile profile;
    private final SecondFactor secondFactor;
    private final UsersProperties settings;
    /** For what must commit even when the caller's transaction is refused (a failed confirmation). */
    private final TransactionTemplate separately;

    UserAccounts(JdbcClient jdbc, PasswordEncoder passwords, AuditLog audit, Clock clock, DepartmentProfile profile,
            SecondFactor secondFactor, UsersProperties settings, PlatformTransactionManager transactions) {
        this.separately = new TransactionTemplate(transactions);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.audit = audit;
        this.clock = clock;
        this.profile = profile;
        this.secondFactor = secondFactor;
        this.settings = settings;
    }

    // ---------------------------------------------------------------- accounts

    /**
     * Creates an account with the given password (the holder must change it at first sign-in) and a
     * TOTP secret. Use {@link #createWithCredentials} where the enrolment URI must be shown.
     */
    @Transactional
    public UserAccount create(NewUser user, String password, Actor createdBy) {
        return insert(user, password, secondFactor.newSecret(), createdBy);
    }

    /** Creates an account with a one-time password and a TOTP secret; both are returned once. */
    @Transactional
    public NewAccount createWithCredentials(NewUser user, Actor createdBy) {
        String password = SecretTokens.oneTimePassword();
        String secret = secondFactor.newSecret();
        UserAccount account = insert(user, password, secret, createdBy);
        return new NewAccount(account, password, secondFactor.uri(account.username(), secret));
    }

    /** As {@link #createWithCredentials}, with the holder's training record, in the same transaction. */
    @Transactional
    public NewAccount createWithTraining(NewUser user, TrainingRecord training, Actor createdBy) {
        NewAccount created = createWithCredentials(user, createdBy);
        UserAccount account = recordTraining(created.account().username(), training, createdBy);
        return new NewAccount(account, created.oneTimePassword(), created.otpauthUri());
    }

    private UserAccount insert(NewUser user, String password, String totpSecret, Actor createdBy) {
        validate(user);
        if (findByUsername(user.username()).isPresent()) {
            throw new ProblemException(ProblemType.CONFLICT, "username",
                    "username: '" + user.username() + "' is taken");
        }
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO users (id, username, full_name, role, password_hash, clets_authorised, designee,
                                           job_classification, totp_secret, totp_enrolled_at, created_at, created_by)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                .params(id, user.username(), user.fullName(), user.role().name(), passwords.encode(password),
                        user.cletsAuthorised(), user.designee(), user.jobClassification(), totpSecret,
                        Timestamp.from(now), Timestamp.from(now), createdBy.username())
                .update();
        audit.record(createdBy, AuditEvent.of("user.created", "user:" + user.username())
                .withTerms("role=" + user.role() + ", designee=" + user.designee() + ", clets="
                        + user.cletsAuthorised() + ", classification=" + user.jobClassification()
                        + ", second-factor=enrolled"));
        if (user.trainedOn() != null) {
            recordTraining(id, user.username(), user.trainedOn(), "ALPR operator training", "department trainer",
                    createdBy);
        }
        return findByUsername(user.username()).orElseThrow();
    }

    private void validate(NewUser user) {
        if (user.username() == null || !USERNAME.matcher(user.username()).matches()) {
            throw ProblemException.invalid("username",
                    "must be 2-40 lower-case letters, digits, '.', '_' or '-', starting with a letter");
        }
        if (RESERVED.contains(user.username())) {
            throw ProblemException.invalid("username", "'" + user.username() + "' is reserved for the audit log");
        }
        if (user.fullName() == null || user.fullName().isBlank() || user.fullName().length() > MAX_TEXT) {
            throw ProblemException.invalid("fullName", "is required (at most " + MAX_TEXT + " characters)");
        }
        if (user.role() == null) {
            throw ProblemException.invalid("role", "is required: one of officer, investigator, supervisor, "
                    + "administrator, auditor");
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
            throw ProblemException.invalid("jobClassification", "the " + profile.departmentName() + " policy authorises "
                    + String.join("; ", allowed));
        }
    }

    @Transactional
    public UserAccount changeRole(String username, Role role, boolean designee, Actor changedBy) {
        UserAccount before = require(username);
        if (designee && role != Role.ADMINISTRATOR) {
            throw ProblemException.invalid("designee", "only an ALPR administrator account can be the designee");
        }
        if (before.username().equals(changedBy.username()) && role != Role.ADMINISTRATOR) {
            throw new ProblemException(ProblemType.CONFLICT, "role",
                    "role: an administrator cannot take away their own administrator role");
        }
        jdbc.sql("UPDATE users SET role = ?, designee = ? WHERE id = ?").params(role.name(), designee, before.id())
                .update();
        audit.record(changedBy, AuditEvent.of("user.role-changed", "user:" + username)
                .withTerms("role=" + before.role() + "->" + role + ", designee=" + before.designee() + "->"
                        + designee));
        return require(username);
    }

    @Transactional
    public UserAccount setCletsAuthorised(String username, boolean authorised, Actor changedBy) {
        UserAccount before = require(username);
        jdbc.sql("UPDATE users SET clets_authorised = ? WHERE id = ?").params(authorised, before.id()).update();
        audit.record(changedBy, AuditEvent.of("user.clets-changed", "user:" + username)
                .withTerms("clets=" + before.cletsAuthorised() + "->" + authorised));
        return require(username);
    }

    @Transactional
    public UserAccount unlock(String username, Actor unlockedBy) {
        UserAccount before = require(username);
        jdbc.sql("UPDATE users SET locked_at = NULL, failed_sign_ins = 0 WHERE id = ?").param(before.id()).update();
        audit.record(unlockedBy, AuditEvent.of("user.unlocked", "user:" + username)
                .withTerms("was-locked=" + before.locked()));
        return require(username);
    }

    /** Disables the account: no sign-in, its tokens stop working. The account and its history stay. */
    @Transactional
    public UserAccount disable(String username, Actor disabledBy) {
        UserAccount before = require(username);
        if (before.username().equals(disabledBy.username())) {
            throw new ProblemException(ProblemType.CONFLICT, "username", "username: you cannot disable your own account");
        }
        jdbc.sql("UPDATE users SET enabled = false, disabled_at = ? WHERE id = ?")
                .params(Timestamp.from(clock.instant()), before.id()).update();
        audit.record(disabledBy, AuditEvent.of("user.disabled", "user:" + username));
        return require(username);
    }

    @Transactional
    public UserAccount enable(String username, Actor enabledBy) {
        UserAccount before = require(username);
        jdbc.sql("UPDATE users SET enabled = true, disabled_at = NULL WHERE id = ?").param(before.id()).update();
        audit.record(enabledBy, AuditEvent.of("user.enabled", "user:" + username));
        return require(username);
    }

    /** Changes the holder's own password; the current one must be given. Clears "must change at first sign-in". */
    @Transactional
    public void changePassword(String username, String currentPassword, String newPassword, Actor changedBy) {
        UserAccount account = require(username);
        String hash = signInRecord(username).orElseThrow().passwordHash();
        if (currentPassword == null || !passwords.matches(currentPassword, hash)) {
            // Counts towards the lock-out: a leaked token or an open session must not allow password guessing.
            Boolean lockedNow = separately.execute(status -> recordFailedSignIn(username,
                    "confirmation-wrong-password"));
            if (Boolean.TRUE.equals(lockedNow)) {
                throw new ProblemException(MemberAccess.ACCOUNT_LOCKED,
                        "Too many failed attempts: the account is locked; ask the ALPR administrator");
            }
            throw ProblemException.invalid("currentPassword", "is not right");
        }
        if (newPassword == null || newPassword.length() < MIN_PASSWORD || newPassword.length() > MAX_TEXT) {
            throw ProblemException.invalid("newPassword", "must be " + MIN_PASSWORD + " to " + MAX_TEXT
                    + " characters");
        }
        if (newPassword.equals(currentPassword) || newPassword.equalsIgnoreCase(username)) {
            throw ProblemException.invalid("newPassword", "must differ from the current password and the user name");
        }
        jdbc.sql("UPDATE users SET password_hash = ?, must_change_password = false WHERE id = ?")
                .params(passwords.encode(newPassword), account.id()).update();
        audit.record(changedBy, AuditEvent.of("user.password-changed", "user:" + username));
    }

    /** Whether the holder still has to replace the one-time password (the console asks at sign-in). */
    public boolean mustChangePassword(String username) {
        return jdbc.sql("SELECT must_change_password FROM users WHERE username = ?").param(username)
                .query(Boolean.class).optional().orElse(false);
    }

    // ---------------------------------------------------------------- training

    @Transactional
    public void recordTraining(UUID userId, String username, LocalDate completedOn, String course, String trainer,
            Actor recordedBy) {
        if (completedOn == null || completedOn.isAfter(today())) {
            throw ProblemException.invalid("completedOn", "is required and cannot be in the future");
        }
        requireText("course", course);
        requireText("trainer", trainer);
        jdbc.sql("""
                        INSERT INTO training_records (user_id, completed_on, course, trainer, recorded_by, recorded_at)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """)
                .params(userId, Date.valueOf(completedOn), course, trainer, recordedBy.username(),
                        Timestamp.from(clock.instant()))
                .update();
        audit.record(recordedBy, AuditEvent.of("training.recorded", "user:" + username)
                .withTerms("completed=" + completedOn + ", course=" + course + ", trainer=" + trainer));
    }

    @Transactional
    public UserAccount recordTraining(String username, TrainingRecord record, Actor recordedBy) {
        UserAccount account = require(username);
        recordTraining(account.id(), username, record.completedOn(), record.course(), record.trainer(), recordedBy);
        return require(username);
    }

    public List<TrainingRecord> trainingRecords(String username) {
        return jdbc.sql("""
                        SELECT t.completed_on, t.course, t.trainer FROM training_records t JOIN users u ON u.id = t.user_id
                        WHERE u.username = ? ORDER BY t.completed_on DESC, t.id DESC
                        """)
                .param(username)
                .query((rs, n) -> new TrainingRecord(rs.getDate(1).toLocalDate(), rs.getString(2), rs.getString(3)))
                .list();
    }

    /** Today in the department's zone: training is counted in calendar days there. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), profile.zone());
    }

    /** The last day the account's training covers; empty when there is no training record. */
    public Optional<LocalDate> trainingValidThrough(UserAccount account) {
        return Optional.ofNullable(account.trainedOn()).map(d -> d.plus(profile.training().validity()));
    }

    /** Whether the account holds training that covers today. */
    public boolean trainingCurrent(UserAccount account) {
        return account.trainedOn() != null && profile.training().isValidOn(account.trainedOn(), today());
    }

    /**
     * Enabled accounts whose training is current today but lapses within {@code within} (the console
     * warns them and their administrator, e.g. {@code lapsingWithin(Duration.ofDays(30))}).
     */
    public List<UserAccount> lapsingWithin(Duration within) {
        LocalDate today = today();
        LocalDate horizon = LocalDate.ofInstant(clock.instant().plus(within), profile.zone());
        return all().stream()
                .filter(UserAccount::enabled)
                .filter(this::trainingCurrent)
                .filter(a -> trainingValidThrough(a).map(last -> last.isBefore(horizon)).orElse(false))
                .filter(a -> !trainingValidThrough(a).orElseThrow().isBefore(today))
                .toList();
    }

    // ---------------------------------------------------------------- second factor and sign-in

    /**
     * An administrator replaces another member's TOTP secret (a lost authenticator); returns the new
     * otpauth:// URI, shown once. Not one's own: that is {@link #enrolOwnSecondFactor}, with the password
     * and a current code, so that an administrator's token or open session cannot take over the account.
     */
    @Transactional
    public String enrolSecondFactor(String username, Actor enrolledBy) {
        if (username.equals(enrolledBy.username())) {
            throw new ProblemException(ProblemType.CONFLICT, "username", "username: replace your own second factor "
                    + "on My account (POST /api/v1/users/me/second-factor), with your password and a current code");
        }
        return replaceSecondFactor(username, enrolledBy);
    }

    private String replaceSecondFactor(String username, Actor enrolledBy) {
        UserAccount account = require(username);
        String secret = secondFactor.newSecret();
        jdbc.sql("UPDATE users SET totp_secret = ?, totp_enrolled_at = ?, totp_last_step = NULL WHERE id = ?")
                .params(secret, Timestamp.from(clock.instant()), account.id()).update();
        audit.record(enrolledBy, AuditEvent.of("user.second-factor-enrolled", "user:" + username));
        return secondFactor.uri(username, secret);
    }

    /**
     * The member replaces their own TOTP secret, proving they hold the account: current password and a
     * current code from the authenticator being replaced (a stolen session alone cannot lock the holder out).
     */
    @Transactional
    public String enrolOwnSecondFactor(String username, String currentPassword, String code) {
        UserAccount account = require(username);
        confirmHolder(account, currentPassword, code);
        return replaceSecondFactor(username, account.actor());
    }

    /**
     * Checks the current password and a fresh TOTP code (each step is accepted once, as at sign-in) inside
     * the caller's transaction, so a claimed step is given back when the action is refused. A failure
     * counts towards the lock-out like a failed sign-in and is recorded in a transaction of its own.
     */
    private void confirmHolder(UserAccount account, String currentPassword, String code) {
        SignInRecord record = signInRecord(account.username()).orElseThrow();
        String reason = null;
        if (currentPassword == null || !passwords.matches(currentPassword, record.passwordHash())) {
            reason = "wrong-password";
        } else if (secondFactor.required()) {
            String typed = code == null ? null : code.replace(" ", "").trim();
            OptionalLong step = secondFactor.matchingStep(record.totpSecret(), typed);
            if (step.isEmpty()) {
                reason = typed == null || typed.isEmpty() ? "missing-code" : "wrong-code";
            } else if (jdbc.sql("UPDATE users SET totp_last_step = ? WHERE id = ? "
                            + "AND (totp_last_step IS NULL OR totp_last_step < ?)")
                    .params(step.getAsLong(), account.id(), step.getAsLong()).update() == 0) {
                reason = "replayed-code";
            }
        }
        if (reason == null) {
            return;
        }
        String why = "confirmation-" + reason;
        Boolean lockedNow = separately.execute(status -> recordFailedSignIn(account.username(), why));
        if (Boolean.TRUE.equals(lockedNow)) {
            throw new ProblemException(MemberAccess.ACCOUNT_LOCKED,
                    "Too many failed attempts: the account is locked; ask the ALPR administrator");
        }
        throw new ProblemException(CONFIRMATION_FAILED, "currentPassword",
                "currentPassword: the password or the authenticator code is not right");
    }

    Optional<SignInRecord> signInRecord(String username) {
        return jdbc.sql("SELECT password_hash, totp_secret, totp_last_step FROM users WHERE username = ?")
                .param(username)
                .query((rs, n) -> new SignInRecord(rs.getString(1), rs.getString(2),
                        rs.getObject(3) == null ? null : rs.getLong(3)))
                .optional();
    }

    /**
     * Counts a failed sign-in and locks the account when it reaches the limit. Commits on its own,
     * before the sign-in is refused, so the count and its audit records survive the refusal.
     *
     * @return true when this failure locked the account
     */
    @Transactional
    public boolean recordFailedSignIn(String username, String reason) {
        Optional<UserAccount> found = findByUsername(username);
        if (found.isEmpty()) {
            audit.record(new Actor("anonymous", "Unknown account"), AuditEvent.of("user.sign-in-failed",
                    "user:" + abbreviate(username)).withTerms("reason=no-such-account"));
            return false;
        }
        UserAccount account = found.get();
        int failures = jdbc.sql("UPDATE users SET failed_sign_ins = failed_sign_ins + 1 WHERE id = ? "
                        + "RETURNING failed_sign_ins")
                .param(account.id()).query(Integer.class).single();
        audit.record(account.actor(), AuditEvent.of("user.sign-in-failed", "user:" + username)
                .withTerms("reason=" + reason + ", consecutive-failures=" + failures));
        if (!account.locked() && failures >= settings.lockAfterFailedSignIns()) {
            jdbc.sql("UPDATE users SET locked_at = ? WHERE id = ?")
                    .params(Timestamp.from(clock.instant()), account.id()).update();
            audit.record(account.actor(), AuditEvent.of("user.locked", "user:" + username)
                    .withTerms("consecutive-failures=" + failures));
            return true;
        }
        return false;
    }

    /**
     * A sign-in for an account that does not exist: audited once per client address per throttle window
     * (the rest are counted in memory), so anyone on the network cannot fill the log or hold the chain lock.
     *
     * @param unrecordedBefore such attempts from the address in its previous window that were not audited
     */
    @Transactional
    public void recordUnknownAccountSignIn(String username, int unrecordedBefore, Duration window) {
        audit.record(new Actor("anonymous", "Unknown account"), AuditEvent.of("user.sign-in-failed",
                "user:" + abbreviate(username)).withTerms("reason=no-such-account" + (unrecordedBefore > 0
                        ? ", further-unknown-accounts-in-previous-" + window + "=" + unrecordedBefore : "")));
    }

    /** A client address or user name reached the sign-in throttle: further attempts are refused unchecked. */
    @Transactional
    public void recordSignInThrottled(String subject, Duration window) {
        audit.record(new Actor("anonymous", "Unknown account"), AuditEvent.of("user.sign-in-throttled",
                abbreviate(subject)).withTerms("refused-unchecked-for-up-to=" + window));
    }

    /** Records a refused sign-in that is not a wrong credential (locked or disabled account). */
    @Transactional
    public void recordRefusedSignIn(UserAccount account, String reason) {
        audit.record(account.actor(), AuditEvent.of("user.sign-in-refused", "user:" + account.username())
                .withTerms("reason=" + reason));
    }

    /**
     * Records a successful sign-in and the TOTP step it used.
     *
     * @return false when the step was already used (a replayed code): the sign-in must be refused
     */
    @Transactional
    public boolean recordSignIn(String username, OptionalLong totpStep) {
        UserAccount account = require(username);
        if (totpStep.isPresent()) {
            int claimed = jdbc.sql("UPDATE users SET totp_last_step = ? WHERE id = ? "
                            + "AND (totp_last_step IS NULL OR totp_last_step < ?)")
                    .params(totpStep.getAsLong(), account.id(), totpStep.getAsLong()).update();
            if (claimed == 0) {
                return false;
            }
        }
        jdbc.sql("UPDATE users SET failed_sign_ins = 0, last_signed_in_at = ? WHERE id = ?")
                .params(Timestamp.from(clock.instant()), account.id()).update();
        audit.record(account.actor(), AuditEvent.of("user.signed-in", "user:" + username)
                .withTerms(totpStep.isPresent() ? "second-factor=totp" : "second-factor=off-in-demo"));
        return true;
    }

    // ---------------------------------------------------------------- API tokens

    /** Issues a personal API token with the default lifetime; returned once, only its hash is kept. */
    @Transactional
    public IssuedToken issueToken(String username, String name, Actor issuedBy) {
        return issueToken(username, name, settings.tokenLifetime(), issuedBy);
    }

    @Transactional
    public IssuedToken issueToken(String username, String name, Duration lifetime, Actor issuedBy) {
        UserAccount user = require(username);
        checkTokenRequest(user, name, lifetime);
        return insertToken(user, name, lifetime, issuedBy);
    }

    /**
     * The member issues a token to themself, proving they hold the account with the current password and
     * a current TOTP code (a session alone is not enough: it would turn a stolen session into lasting access).
     * The request is checked first, so a typing error does not use up the code.
     *
     * @param lifetime null for the default lifetime
     */
    @Transactional
    public IssuedToken issueOwnToken(String username, String name, Duration lifetime, String currentPassword,
            String code) {
        UserAccount user = require(username);
        Duration life = lifetime == null ? settings.tokenLifetime() : lifetime;
        checkTokenRequest(user, name, life);
        confirmHolder(user, currentPassword, code);
        return insertToken(user, name, life, user.actor());
    }

    private void checkTokenRequest(UserAccount user, String name, Duration lifetime) {
        if (!user.enabled()) {
            throw new ProblemException(MemberAccess.ACCOUNT_DISABLED,
                    "The account '" + user.username() + "' is disabled");
        }
        requireText("name", name);
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(settings.maxTokenLifetime()) > 0) {
            throw ProblemException.invalid("expiresInDays",
                    "must be between 1 and " + settings.maxTokenLifetime().toDays() + " days");
        }
    }

    private IssuedToken insertToken(UserAccount user, String name, Duration lifetime, Actor issuedBy) {
        String username = user.username();
        String token = SecretTokens.generate(TOKEN_PREFIX);
        Instant now = clock.instant();
        Instant expires = now.plus(lifetime);
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO api_tokens (id, user_id, name, token_sha256, created_at, expires_at)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """)
                .params(id, user.id(), name, SecretTokens.sha256(token), Timestamp.from(now), Timestamp.from(expires))
                .update();
        audit.record(issuedBy, AuditEvent.of("user.token-issued", "user:" + username)
                .withTerms("token=" + id + ", name=" + name + ", expires=" + expires));
        return new IssuedToken(id, token, expires);
    }

    public List<TokenSummary> tokens(String username) {
        return jdbc.sql("""
                        SELECT k.id, k.name, k.created_at, k.expires_at, k.revoked_at, k.last_used_at
                        FROM api_tokens k JOIN users u ON u.id = k.user_id
                        WHERE u.username = ? ORDER BY k.created_at DESC
                        """)
                .param(username)
                .query((rs, n) -> new TokenSummary(rs.getObject(1, UUID.class), rs.getString(2), instant(rs, 3),
                        instant(rs, 4), instant(rs, 5), instant(rs, 6)))
                .list();
    }

    /** Revokes one of the holder's own tokens. Revoking twice is harmless and audited once. */
    @Transactional
    public void revokeToken(String username, UUID tokenId, Actor revokedBy) {
        UserAccount user = require(username);
        Boolean alreadyRevoked = jdbc.sql("SELECT revoked_at IS NOT NULL FROM api_tokens WHERE id = ? AND user_id = ?")
                .params(tokenId, user.id()).query(Boolean.class).optional()
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "id", "id: no such token"));
        if (alreadyRevoked) {
            return;
        }
        jdbc.sql("UPDATE api_tokens SET revoked_at = ? WHERE id = ?")
                .params(Timestamp.from(clock.instant()), tokenId).update();
        audit.record(revokedBy, AuditEvent.of("user.token-revoked", "user:" + username).withTerms("token=" + tokenId));
    }

    /** Enabled accounts whose training lapses within the given number of days, for the administrator's list. */
    public List<UserAccount> lapsingWithinDays(int days) {
        return lapsingWithin(Duration.ofDays(days));
    }

    // ---------------------------------------------------------------- lookups

    public Optional<UserAccount> findByUsername(String username) {
        return jdbc.sql(SELECT + " WHERE u.username = ?").param(username).query(UserAccounts::map).optional();
    }

    /** The holder of a valid token: not revoked, not expired, account enabled and not locked. */
    public Optional<UserAccount> findByToken(String token) {
        byte[] hash = SecretTokens.sha256(token);
        Timestamp now = Timestamp.from(clock.instant());
        Optional<UserAccount> holder = jdbc.sql(SELECT + """
                         JOIN api_tokens k ON k.user_id = u.id
                        WHERE k.token_sha256 = ? AND k.revoked_at IS NULL AND k.expires_at > ? AND u.enabled
                          AND u.locked_at IS NULL
                        """)
                .param(hash).param(now)
                .query(UserAccounts::map).optional();
        if (holder.isPresent()) {
            // At most one write a minute per token, so a busy integration does not write on every call.
            jdbc.sql("UPDATE api_tokens SET last_used_at = ? WHERE token_sha256 = ? "
                            + "AND (last_used_at IS NULL OR last_used_at < ?)")
                    .params(now, hash, Timestamp.from(clock.instant().minusSeconds(60))).update();
        }
        return holder;
    }

    /** @deprecated console sign-in reads {@link #signInRecord}; kept for callers written before issue 6. */
    @Deprecated
    Optional<String> passwordHash(String username) {
        return signInRecord(username).map(SignInRecord::passwordHash);
    }

    public List<UserAccount> all() {
        return jdbc.sql(SELECT + " ORDER BY u.username").query(UserAccounts::map).list();
    }

    public long count() {
        return jdbc.sql("SELECT count(*) FROM users").query(Long.class).single();
    }

    UserAccount require(String username) {
        return findByUsername(username).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "username", "username: no account '" + username + "'"));
    }

    private static void requireText(String field, String value) {
        if (value == null || value.isBlank() || value.length() > MAX_TEXT) {
            throw ProblemException.invalid(field, "is required (at most " + MAX_TEXT + " characters)");
        }
    }

    private static String abbreviate(String s) {
        String t = s == null ? "" : s.toLowerCase(Locale.ROOT);
        return t.length() > 40 ? t.substring(0, 40) : t;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static UserAccount map(ResultSet rs, int row) throws SQLException {
        Date trained = rs.getDate("trained_on");
        return new UserAccount(rs.getObject("id", UUID.class), rs.getString("username"), rs.getString("full_name"),
                Role.valueOf(rs.getString("role")), rs.getBoolean("enabled"), rs.getBoolean("clets_authorised"),
                trained == null ? null : trained.toLocalDate(), rs.getBoolean("designee"),
                rs.getString("job_classification"), rs.getBoolean("locked"), rs.getBoolean("enrolled"));
    }

    /** What an administrator gives to create an account. */
    public record NewUser(String username, String fullName, Role role, boolean cletsAuthorised, LocalDate trainedOn,
            boolean designee, String jobClassification) {

        public NewUser(String username, String fullName, Role role, boolean cletsAuthorised, LocalDate trainedOn) {
            this(username, fullName, role, cletsAuthorised, trainedOn, false, null);
        }
    }

    /** A new account with its one-time password and otpauth:// enrolment URI: shown once. */
    public record NewAccount(UserAccount account, String oneTimePassword, String otpauthUri) {
    }

    /** One ALPR training record. */
    public record TrainingRecord(LocalDate completedOn, String course, String trainer) {
    }

    /** A personal API token as issued: shown once. */
    public record IssuedToken(UUID id, String token, Instant expiresAt) {
    }

    /** A personal API token as listed: never the token itself. */
    public record TokenSummary(UUID id, String name, Instant createdAt, Instant expiresAt, Instant revokedAt,
            Instant lastUsedAt) {
    }

    /** What console sign-in checks. */
    record SignInRecord(String passwordHash, String totpSecret, Long totpLastStep) {
    }
}
