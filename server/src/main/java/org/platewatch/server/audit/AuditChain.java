package org.platewatch.server.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.platewatch.server.policy.DepartmentProfile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The tamper evidence of the access log. Each record's hash covers its content and the previous
 * record's hash, so a changed, inserted or deleted record breaks the chain from there on.
 * {@link #verify()} walks the whole chain ({@code bin/platewatch audit verify}); {@link #headAt}
 * gives the hash a day ended on, for the console to show and a supervisor to write down: a later
 * rewrite of the whole chain from some point on would change a head someone already has.
 */
@Service
public class AuditChain {

    private static final int BATCH = 5_000;

    private final JdbcClient jdbc;
    private final DepartmentProfile profile;
    private final AuditLogRetention retention;

    AuditChain(JdbcClient jdbc, DepartmentProfile profile, AuditLogRetention retention) {
        this.jdbc = jdbc;
        this.profile = profile;
        this.retention = retention;
    }

    /**
     * Walks the chain in id order and stops at the first record that does not hold. It begins where the audit-log
     * retention last cut it ({@link AuditLogRetention}): the first remaining record must point at the hash of the
     * last one purged, which the database recorded when it purged them.
     */
    public Verification verify() {
        AuditLogRetention.ChainStart start = retention.chainStart();
        String previous = start.throughHash();
        long lastId = start.throughId();
        long count = 0;
        while (true) {
            List<StoredRecord> batch = jdbc.sql("""
                            SELECT id, occurred_at, username, full_name, action, subject, terms, purpose, case_number,
                                   result_count, client_address, previous_hash, hash
                            FROM audit_events WHERE id > ? ORDER BY id LIMIT ?
                            """)
                    .params(lastId, BATCH)
                    .query((rs, n) -> new StoredRecord(
                            rs.getLong("id"),
                            rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                            rs.getString("username"),
                            rs.getString("full_name"),
                            new AuditEvent(
                                    rs.getString("action"),
                                    rs.getString("subject"),
                                    rs.getString("terms"),
                                    rs.getString("purpose"),
                                    rs.getString("case_number"),
                                    (Integer) rs.getObject("result_count")),
                            rs.getString("client_address"),
                            rs.getString("previous_hash"),
                            rs.getString("hash")))
                    .list();
            if (batch.isEmpty()) {
                return new Verification(count, previous, Optional.empty());
            }
            for (StoredRecord r : batch) {
                if (!r.previousHash().equals(previous)) {
                    return broken(
                            count,
                            previous,
                            r,
                            "its previous-hash " + r.previousHash()
                                    + " is not the hash of the record before it (" + previous
                                    + "): a record before it was removed, inserted or rewritten");
                }
                String expected = AuditLog.chainHash(
                        r.previousHash(), r.occurredAt(), r.username(), r.fullName(), r.event(), r.clientAddress());
                if (!expected.equals(r.hash())) {
                    return broken(
                            count,
                            previous,
                            r,
                            "its content does not match its hash " + "(stored " + r.hash() + ", content hashes to "
                                    + expected + "): the record was altered");
                }
                previous = r.hash();
                lastId = r.id();
                count++;
            }
        }
    }

    private static Verification broken(long good, String head, StoredRecord r, String problem) {
        return new Verification(good, head, Optional.of(new Break(r.id(), r.occurredAt(), problem)));
    }

    /**
     * The chain head at the end of {@code day} in the department's zone: the hash of the last record
     * written before the next day began, or {@link AuditLog#GENESIS} when there was none.
     */
    public ChainHead headAt(LocalDate day) {
        ZoneId zone = profile.zone();
        Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
        return jdbc.sql("""
                        SELECT id, occurred_at, hash, (SELECT count(*) FROM audit_events WHERE occurred_at < ?) AS n
                        FROM audit_events WHERE occurred_at < ? ORDER BY id DESC LIMIT 1
                        """)
                .params(
                        OffsetDateTime.ofInstant(end, java.time.ZoneOffset.UTC),
                        OffsetDateTime.ofInstant(end, java.time.ZoneOffset.UTC))
                .query((rs, n) -> new ChainHead(
                        day,
                        zone,
                        rs.getString("hash"),
                        rs.getLong("n"),
                        rs.getLong("id"),
                        rs.getObject("occurred_at", OffsetDateTime.class).toInstant()))
                .optional()
                .orElse(new ChainHead(day, zone, AuditLog.GENESIS, 0, null, null));
    }

    /** The outcome of a walk: intact when {@code firstBreak} is empty. */
    public record Verification(long intactRecords, String head, Optional<Break> firstBreak) {
        public boolean intact() {
            return firstBreak.isEmpty();
        }

        /** One line for people: what the CLI prints. */
        public String describe() {
            if (intact()) {
                return "audit chain intact: " + intactRecords + " records, head " + head;
            }
            Break b = firstBreak.get();
            return "audit chain BROKEN at record " + b.id() + " (" + b.occurredAt() + "): " + b.problem() + "; the "
                    + intactRecords + " records before it are intact, head " + head;
        }
    }

    /** The first record at which the chain does not hold. */
    public record Break(long id, Instant occurredAt, String problem) {}

    /** The chain head a day ended on. {@code lastRecordId} is null when the log was empty then. */
    public record ChainHead(
            LocalDate date, ZoneId zone, String head, long records, Long lastRecordId, Instant lastRecordAt) {}

    private record StoredRecord(
            long id,
            Instant occurredAt,
            String username,
            String fullName,
            AuditEvent event,
            String clientAddress,
            String previousHash,
            String hash) {}
}
