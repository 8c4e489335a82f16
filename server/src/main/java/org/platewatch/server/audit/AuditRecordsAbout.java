package org.platewatch.server.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The audit records about given subjects, for a feature that hands a trail over with what it concerns (an evidence
 * package carries the trail of its hold and its reads). Each record comes with its chain hashes, so that whoever
 * receives it can hold it to the log.
 */
@Service
public class AuditRecordsAbout {

    /** One record as the log holds it. */
    public record Recorded(
            long id,
            Instant occurredAt,
            String username,
            String fullName,
            String action,
            String subject,
            String terms,
            String purpose,
            String caseNumber,
            Integer resultCount,
            String previousHash,
            String hash) {}

    private final JdbcClient jdbc;

    AuditRecordsAbout(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The records, oldest first, whose subject is one of {@code subjects}, or names one of {@code reads} as
     * {@code read:ID} (an image viewed, from an alert or a search), up to {@code upToId}.
     */
    public List<Recorded> find(Collection<String> subjects, Collection<UUID> reads, long upToId) {
        return jdbc.sql("""
                        SELECT id, occurred_at, username, full_name, action, subject, terms, purpose, case_number,
                               result_count, previous_hash, hash
                        FROM audit_events
                        WHERE id <= ?
                          AND (subject = ANY (?::text[])
                               OR (subject LIKE '%read:%'
                                   AND substring(subject FROM 'read:([0-9a-f-]{36})') = ANY (?::text[])))
                        ORDER BY id
                        """)
                .params(
                        upToId,
                        subjects.toArray(String[]::new),
                        reads.stream().map(UUID::toString).toArray(String[]::new))
                .query((rs, n) -> new Recorded(
                        rs.getLong("id"),
                        rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                        rs.getString("username"),
                        rs.getString("full_name"),
                        rs.getString("action"),
                        rs.getString("subject"),
                        rs.getString("terms"),
                        rs.getString("purpose"),
                        rs.getString("case_number"),
                        (Integer) rs.getObject("result_count"),
                        rs.getString("previous_hash"),
                        rs.getString("hash")))
                .list();
    }

    /** The newest record's id; inside a recording transaction, that record's. */
    public long lastId() {
        return jdbc.sql("SELECT coalesce(max(id), 0) FROM audit_events")
                .query(Long.class)
                .single();
    }
}
