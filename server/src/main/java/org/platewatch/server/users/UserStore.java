package org.platewatch.server.users;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.platewatch.server.platform.AgencyId;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.platform.ProblemType;
import org.platewatch.server.platform.SealedSecrets;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the feature: accounts and their credentials ({@code users}), training records
 * ({@code training_records}) and personal API tokens ({@code api_tokens}). Nothing here audits or
 * decides: the services do, in the transaction they open.
 */
@Repository
class UserStore {

    /**
     * An account with the date of its latest training record: what {@link UserAccount} holds. Its one parameter is
     * {@link #lockedSince()}: a lock older than {@code lock-out-duration} has ended by itself.
     */
    private static final String SELECT_ACCOUNT = """
            SELECT u.id, u.username, u.full_name, u.role, u.enabled, u.clets_authorised, u.designee,
                   u.job_classification, (u.locked_at IS NOT NULL AND u.locked_at > ?) AS locked,
                   u.totp_secret IS NOT NULL AS enrolled, u.agency_id,
                   (SELECT max(t.completed_on) FROM training_records t WHERE t.user_id = u.id) AS trained_on
            FROM users u
            """;

    private final JdbcClient jdbc;
    private final java.time.Clock clock;
    private final java.time.Duration lockOut;
    /** TOTP secrets are written encrypted and read decrypted here, so no clear secret reaches the database. */
    private final TotpSecretCipher cipher;

    UserStore(JdbcClient jdbc, java.time.Clock clock, UsersProperties settings, TotpSecretCipher cipher) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.lockOut = settings.lockOutDuration();
        this.cipher = cipher;
    }

    /** Locks set after this instant are still in force; older ones have ended by themselves. */
    private Timestamp lockedSince() {
        return Timestamp.from(clock.instant().minus(lockOut));
    }

    // ---------------------------------------------------------------- accounts

    /** Inserts the account; false when the user name is taken (also by a concurrent insert). */
    boolean insert(
            UUID id, UserAccounts.NewUser user, String passwordHash, String totpSecret, Instant now, String createdBy) {
        return jdbc.sql("""
                        INSERT INTO users (id, username, full_name, role, password_hash, clets_authorised, designee,
                                           job_classification, totp_secret, totp_enrolled_at, created_at, created_by)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (username) DO NOTHING
                        """)
                        .params(
                                id,
                                user.username(),
                                user.fullName(),
                                user.role().name(),
                                passwordHash,
                                user.cletsAuthorised(),
                                user.designee(),
                                user.jobClassification(),
                                cipher.encrypt(id, totpSecret),
                                totpSecret == null ? null : Timestamp.from(now),
                                Timestamp.from(now),
                                createdBy)
                        .update()
                == 1;
    }

    Optional<UserAccount> find(String username) {
        return jdbc.sql(SELECT_ACCOUNT + " WHERE u.username = ?")
                .params(lockedSince(), username)
                .query(UserStore::account)
                .optional();
    }

    /** The account, or the not-found problem every account action answers for an unknown name. */
    UserAccount require(String username) {
        return find(username)
                .orElseThrow(() -> new ProblemException(
                        ProblemType.NOT_FOUND, "username", "username: no account '" + username + "'"));
    }

    List<UserAccount> all() {
        return jdbc.sql(SELECT_ACCOUNT + " ORDER BY u.username")
                .param(lockedSince())
                .query(UserStore::account)
                .list();
    }

    long count() {
        return jdbc.sql("SELECT count(*) FROM users").query(Long.class).single();
    }

    void setRole(UUID id, Role role, boolean designee) {
        jdbc.sql("UPDATE users SET role = ?, designee = ? WHERE id = ?")
                .params(role.name(), designee, id)
                .update();
    }

    void setCletsAuthorised(UUID id, boolean authorised) {
        jdbc.sql("UPDATE users SET clets_authorised = ? WHERE id = ?")
                .params(authorised, id)
                .update();
    }

    /** Lifts the lock and starts the count of failed sign-ins afresh. */
    void unlock(UUID id) {
        jdbc.sql("UPDATE users SET locked_at = NULL, failed_sign_ins = 0 WHERE id = ?")
                .param(id)
                .update();
    }

    void disable(UUID id, Instant at) {
        jdbc.sql("UPDATE users SET enabled = false, disabled_at = ? WHERE id = ?")
                .params(Timestamp.from(at), id)
                .update();
    }

    void enable(UUID id) {
        jdbc.sql("UPDATE users SET enabled = true, disabled_at = NULL WHERE id = ?")
                .param(id)
                .update();
    }

    /** Replaces the password hash; the holder no longer has to change it at sign-in. */
    void setPassword(UUID id, String passwordHash) {
        jdbc.sql("UPDATE users SET password_hash = ?, must_change_password = false WHERE id = ?")
                .params(passwordHash, id)
                .update();
    }

    boolean mustChangePassword(String username) {
        return jdbc.sql("SELECT must_change_password FROM users WHERE username = ?")
                .param(username)
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    // ---------------------------------------------------------------- credentials and sign-in

    Optional<SignInRecord> signInRecord(String username) {
        return jdbc.sql("SELECT password_hash, totp_secret, totp_last_step, id FROM users WHERE username = ?")
                .param(username)
                .query((rs, n) -> new SignInRecord(
                        rs.getString(1),
                        cipher.decrypt(rs.getObject(4, UUID.class), rs.getString(2)),
                        rs.getObject(3) == null ? null : rs.getLong(3)))
                .optional();
    }

    /** A new TOTP secret: no step of the old one counts as used any more. */
    void replaceTotpSecret(UUID id, String secret, Instant at) {
        jdbc.sql("UPDATE users SET totp_secret = ?, totp_enrolled_at = ?, totp_last_step = NULL WHERE id = ?")
                .params(cipher.encrypt(id, secret), Timestamp.from(at), id)
                .update();
    }

    /** Accounts whose TOTP secret is still stored in clear (from before encryption). */
    List<StoredSecret> clearTotpSecrets() {
        return jdbc.sql("SELECT id, totp_secret FROM users WHERE totp_secret IS NOT NULL AND totp_secret NOT LIKE ?")
                .param(SealedSecrets.PREFIX + "%")
                .query((rs, n) -> new StoredSecret(rs.getObject(1, UUID.class), rs.getString(2)))
                .list();
    }

    /** Encrypts one clear secret in place, unless it changed meanwhile; true when this call encrypted it. */
    boolean encryptClearTotpSecret(UUID id, String clear) {
        return jdbc.sql("UPDATE users SET totp_secret = ? WHERE id = ? AND totp_secret = ?")
                        .params(cipher.encrypt(id, clear), id, clear)
                        .update()
                == 1;
    }

    /** A TOTP secret as the database holds it. */
    record StoredSecret(UUID accountId, String stored) {}

    /**
     * Marks a TOTP step as used, in one statement so that two requests with the same code cannot both win.
     *
     * @return false when this step (or a later one) was already used: a replayed code
     */
    boolean claimTotpStep(UUID id, long step) {
        return jdbc.sql("UPDATE users SET totp_last_step = ? WHERE id = ? "
                                + "AND (totp_last_step IS NULL OR totp_last_step < ?)")
                        .params(step, id, step)
                        .update()
                == 1;
    }

    /**
     * Counts a failed sign-in and, when it reaches the limit, locks the account, in one statement: the row lock it
     * takes makes concurrent failures wait their turn, and one that finds the account locked by an earlier one
     * counts nothing (its WHERE no longer holds). So parallel attempts never count past the limit, and exactly one
     * of them locks. A lock that ended by itself starts the count afresh.
     *
     * @return the consecutive failures, this one included, and whether it locked the account; empty when the
     *         account is locked (and so nothing was counted)
     */
    Optional<FailedSignIn> countFailedSignIn(UUID id, int limit) {
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.sql("""
                        WITH counted AS (
                            SELECT id, CASE WHEN locked_at IS NULL THEN failed_sign_ins + 1 ELSE 1 END AS failures
                            FROM users WHERE id = ? AND (locked_at IS NULL OR locked_at <= ?) FOR UPDATE)
                        UPDATE users u SET failed_sign_ins = c.failures,
                                           locked_at = CASE WHEN c.failures >= ? THEN CAST(? AS timestamptz) ELSE NULL END
                        FROM counted c
                        WHERE u.id = c.id
                        RETURNING u.failed_sign_ins, u.locked_at IS NOT NULL
                        """)
                .params(id, lockedSince(), limit, now)
                .query((rs, n) -> new FailedSignIn(rs.getInt(1), rs.getBoolean(2)))
                .optional();
    }

    /** A counted failed sign-in: the consecutive failures and whether this one locked the account. */
    record FailedSignIn(int failures, boolean lockedNow) {}

    void signedIn(UUID id, Instant at) {
        jdbc.sql("UPDATE users SET failed_sign_ins = 0, locked_at = NULL, last_signed_in_at = ? WHERE id = ?")
                .params(Timestamp.from(at), id)
                .update();
    }

    // ---------------------------------------------------------------- token holders (the tokens: PersonalTokenStore)

    /** The holder of a token that is neither revoked nor expired, whose account is enabled and not locked. */
    /**
     * The holder of a valid token, with whether they must still replace their one-time password, and the token's
     * last use noted (at most once a minute), in one statement: this runs before every request a token makes.
     */
    Optional<AccountsReadThisRequest.Read> tokenHolder(byte[] tokenSha256, Instant now) {
        Timestamp at = Timestamp.from(now);
        return jdbc.sql("""
                        WITH used AS (
                            UPDATE api_tokens k SET last_used_at = ?
                            FROM users u
                            WHERE k.token_sha256 = ? AND k.user_id = u.id AND k.revoked_at IS NULL
                              AND k.expires_at > ? AND u.enabled AND (u.locked_at IS NULL OR u.locked_at <= ?)
                              AND (k.last_used_at IS NULL OR k.last_used_at < ?)
                            RETURNING k.id)
                        """ + SELECT_ACCOUNT.replace("FROM users u", ", u.must_change_password\nFROM users u") + """
                         JOIN api_tokens k ON k.user_id = u.id
                        WHERE k.token_sha256 = ? AND k.revoked_at IS NULL AND k.expires_at > ? AND u.enabled
                          AND (u.locked_at IS NULL OR u.locked_at <= ?)
                        """)
                .param(at)
                .param(tokenSha256)
                .param(at)
                .param(lockedSince())
                .param(Timestamp.from(now.minusSeconds(60)))
                .param(lockedSince())
                .param(tokenSha256)
                .param(at)
                .param(lockedSince())
                .query((rs, n) ->
                        new AccountsReadThisRequest.Read(account(rs, n), rs.getBoolean("must_change_password")))
                .optional();
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static UserAccount account(ResultSet rs, int row) throws SQLException {
        Date trained = rs.getDate("trained_on");
        return new UserAccount(
                rs.getObject("id", UUID.class),
                rs.getString("username"),
                rs.getString("full_name"),
                Role.valueOf(rs.getString("role")),
                rs.getBoolean("enabled"),
                rs.getBoolean("clets_authorised"),
                trained == null ? null : trained.toLocalDate(),
                rs.getBoolean("designee"),
                rs.getString("job_classification"),
                rs.getBoolean("locked"),
                rs.getBoolean("enrolled"),
                new AgencyId(rs.getInt("agency_id")));
    }
}
