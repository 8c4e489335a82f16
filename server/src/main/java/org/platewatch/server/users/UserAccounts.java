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
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.platewatch.server.audit.AuditEvent;
import org.platewatch.server.audit.AuditLog;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.platform.ProblemType;
import org.platewatch.server.platform.SecretTokens;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Individual accounts, their training records and their personal API tokens. */
@Service
public class UserAccounts {

    static final String TOKEN_PREFIX = "pwu_";
    private static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{1,39}");
    private static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofDays(90);

    private static final String SELECT = """
            SELECT u.id, u.username, u.full_name, u.role, u.enabled, u.clets_authorised,
                   (SELECT max(t.completed_on) FROM training_records t WHERE t.user_id = u.id) AS trained_on
            FROM users u
            """;

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final AuditLog audit;
    private final Clock clock;

    UserAccounts(JdbcClient jdbc, PasswordEncoder passwords, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.audit = audit;
        this.clock = clock;
    }

    /** Creates an account with the given password; the holder must change it at first sign-in. */
    @Transactional
    public UserAccount create(NewUser user, String password, Actor createdBy) {
        if (!USERNAME.matcher(user.username()).matches()) {
            throw ProblemException.invalid("username",
                    "must be 2-40 lower-case letters, digits, '.', '_' or '-', starting with a letter");
        }
        if (findByUsername(user.username()).isPresent()) {
            throw new ProblemException(ProblemType.CONFLICT, "username",
                    "username: '" + user.username() + "' is taken");
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO users (id, username, full_name, role, password_hash, clets_authorised,
                                           created_at, created_by)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                .params(id, user.username(), user.fullName(), user.role().name(), passwords.encode(password),
                        user.cletsAuthorised(), Timestamp.from(clock.instant()), createdBy.username())
                .update();
        audit.record(createdBy, AuditEvent.of("user.created", "user:" + user.username())
                .withTerms("role=" + user.role() + ", clets=" + user.cletsAuthorised()));
        if (user.trainedOn() != null) {
            recordTraining(id, user.username(), user.trainedOn(), "ALPR operator training", "department trainer",
                    createdBy);
        }
        return findByUsername(user.username()).orElseThrow();
    }

    @Transactional
    public void recordTraining(UUID userId, String username, LocalDate completedOn, String course, String trainer,
            Actor recordedBy) {
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

    /** Issues a personal API token; the token is returned once and only its hash is kept. */
    @Transactional
    public IssuedToken issueToken(String username, String name, Actor issuedBy) {
        UserAccount user = findByUsername(username).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "username", "username: no account '" + username + "'"));
        String token = SecretTokens.generate(TOKEN_PREFIX);
        Instant now = clock.instant();
        Instant expires = now.plus(DEFAULT_TOKEN_LIFETIME);
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO api_tokens (id, user_id, name, token_sha256, created_at, expires_at)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """)
                .params(id, user.id(), name, SecretTokens.sha256(token), Timestamp.from(now), Timestamp.from(expires))
                .update();
        audit.record(issuedBy, AuditEvent.of("user.token-issued", "user:" + username)
                .withTerms("token=" + id + ", expires=" + expires));
        return new IssuedToken(id, token, expires);
    }

    public Optional<UserAccount> findByUsername(String username) {
        return jdbc.sql(SELECT + " WHERE u.username = ?").param(username).query(UserAccounts::map).optional();
    }

    public Optional<UserAccount> findByToken(String token) {
        return jdbc.sql(SELECT + """
                         JOIN api_tokens k ON k.user_id = u.id
                        WHERE k.token_sha256 = ? AND k.revoked_at IS NULL AND k.expires_at > ? AND u.enabled
                        """)
                .param(SecretTokens.sha256(token)).param(Timestamp.from(clock.instant()))
                .query(UserAccounts::map).optional();
    }

    Optional<String> passwordHash(String username) {
        return jdbc.sql("SELECT password_hash FROM users WHERE username = ?").param(username)
                .query(String.class).optional();
    }

    public List<UserAccount> all() {
        return jdbc.sql(SELECT + " ORDER BY u.username").query(UserAccounts::map).list();
    }

    public long count() {
        return jdbc.sql("SELECT count(*) FROM users").query(Long.class).single();
    }

    private static UserAccount map(ResultSet rs, int row) throws SQLException {
        Date trained = rs.getDate("trained_on");
        return new UserAccount(rs.getObject("id", UUID.class), rs.getString("username"), rs.getString("full_name"),
                Role.valueOf(rs.getString("role")), rs.getBoolean("enabled"), rs.getBoolean("clets_authorised"),
                trained == null ? null : trained.toLocalDate());
    }

    /** What an administrator gives to create an account. */
    public record NewUser(String username, String fullName, Role role, boolean cletsAuthorised, LocalDate trainedOn) {
    }

    /** A personal API token as issued: shown once. */
    public record IssuedToken(UUID id, String token, Instant expiresAt) {
    }
}
