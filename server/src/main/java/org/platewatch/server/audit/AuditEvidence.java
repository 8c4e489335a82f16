package org.platewatch.server.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The audit records that concern some members or some data over a time window: what a security breach record
 * lists as the accounts and data concerned. Read-only; the caller audits that it read them (in the same
 * transaction), as every reading of the log is an access.
 */
@Service
public class AuditEvidence {

    /** One record that concerns the breach, as read back (no hash: this is evidence, not the chain). */
    public record Concerned(
            long id,
            Instant occurredAt,
            String username,
            String action,
            String subject,
            String purpose,
            String caseNumber,
            Integer resultCount,
            String clientAddress) {}

    private final JdbcClient jdbc;

    AuditEvidence(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The records in {@code [from, to]} made by one of {@code usernames} or whose subject contains one of
     * {@code subjects} (a subject such as {@code agency:7} or {@code read:ID}), oldest first, at most {@code limit}.
     */
    public List<Concerned> concerning(
            Collection<String> usernames, Collection<String> subjects, Instant from, Instant to, int limit) {
        return jdbc.sql("""
                        SELECT id, occurred_at, username, action, subject, purpose, case_number, result_count,
                               client_address
                        FROM audit_events
                        WHERE occurred_at BETWEEN ? AND ?
                          AND (username = ANY(?::text[])
                               OR EXISTS (SELECT 1 FROM unnest(?::text[]) s WHERE strpos(subject, s) > 0))
                        ORDER BY id LIMIT ?""")
                .params(
                        Timestamp.from(from),
                        Timestamp.from(to),
                        usernames.toArray(String[]::new),
                        subjects.toArray(String[]::new),
                        limit)
                .query((rs, n) -> new Concerned(
                        rs.getLong("id"),
                        rs.getTimestamp("occurred_at").toInstant(),
                        rs.getString("username"),
                        rs.getString("action"),
                        rs.getString("subject"),
                        rs.getString("purpose"),
                        rs.getString("case_number"),
                        (Integer) rs.getObject("result_count"),
                        rs.getString("client_address")))
                .list();
    }
}
