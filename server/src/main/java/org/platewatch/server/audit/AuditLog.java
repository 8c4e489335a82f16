package org.platewatch.server.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import org.platewatch.server.platform.Actor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The hash-chained access log. {@link #record} joins the caller's transaction (it refuses to run
 * without one), so an action and its audit row commit together or not at all.
 */
@Service
public class AuditLog {

    /** The previous-hash of the first record. */
    public static final String GENESIS = "0".repeat(64);

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, JdbcTemplate template, Clock clock) {
        this.jdbc = jdbc;
        this.template = template;
        this.clock = clock;
    }

    /** Records the event for whoever is acting in this request or thread. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(AuditEvent event) {
        record(Actor.current(), event);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void record(Actor actor, AuditEvent event) {
        String previous = lockedChainHead();
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String client = clientAddress();
        String hash = chainHash(previous, at, actor.username(), actor.fullName(), event, client);
        jdbc.sql("""
                        INSERT INTO audit_events (occurred_at, username, full_name, action, subject, terms, purpose,
                                                  case_number, result_count, client_address, previous_hash, hash)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                .params(
                        OffsetDateTime.ofInstant(at, ZoneOffset.UTC),
                        actor.username(),
                        actor.fullName(),
                        event.action(),
                        event.subject(),
                        event.terms(),
                        event.purpose(),
                        event.caseNumber(),
                        event.resultCount(),
                        client,
                        previous,
                        hash)
                .update();
    }

    /**
     * Takes the chain's lock (one writer at a time extends the chain; the lock ends with the transaction) and reads
     * the head, in one round trip: the two statements go to PostgreSQL together and run one after the other, and
     * the head's read takes its snapshot only when it starts, after the lock is held, so it sees the record of
     * whoever held the lock before (READ COMMITTED). One {@code SELECT} doing both would not: its snapshot would be
     * taken before it waited for the lock, and two writers could chain onto the same head.
     */
    private String lockedChainHead() {
        return template.execute((Connection con) -> {
            try (PreparedStatement ps = con.prepareStatement(LOCK_AND_READ_HEAD)) {
                ps.execute(); // the lock's row
                if (!ps.getMoreResults()) {
                    throw new IllegalStateException("the chain head's read returned no result");
                }
                try (ResultSet head = ps.getResultSet()) {
                    return head.next() ? head.getString(1) : GENESIS;
                }
            }
        });
    }

    private static final String LOCK_AND_READ_HEAD = "SELECT pg_advisory_xact_lock(hashtext('audit-chain'));"
            + " SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1";

    /**
     * SHA-256 over the previous hash and every field, each length-prefixed so that no two
     * different records can serialise to the same bytes.
     */
    public static String chainHash(
            String previous, Instant at, String username, String fullName, AuditEvent e, String client) {
        StringBuilder canonical = new StringBuilder(256);
        for (Object field : new Object[] {
            previous,
            at.truncatedTo(ChronoUnit.MICROS).toString(),
            username,
            fullName,
            e.action(),
            e.subject(),
            e.terms(),
            e.purpose(),
            e.caseNumber(),
            e.resultCount(),
            client
        }) {
            String s = field == null ? "\u0000" : field.toString();
            canonical.append(s.length()).append(':').append(s).append(';');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
        }
    }

    private static String clientAddress() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes instanceof ServletRequestAttributes servlet) {
            HttpServletRequest request = servlet.getRequest();
            return request.getRemoteAddr();
        }
        return "local";
    }
}
