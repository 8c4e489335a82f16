package org.platewatch.server.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.platewatch.server.platform.AgencyId;
import org.platewatch.server.platform.AgencyScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audit log's one way to lose records: {@code purge_audit_events}, which deletes the oldest records in chain
 * order once they are past the profile's {@code auditLogRetention} (the database checks the date itself) and writes
 * where the chain now starts into {@code audit_chain_starts}. {@link AuditChain#verify()} and the anchor check begin
 * there. The caller records the purge in the same transaction.
 */
@Service
public class AuditLogRetention {

    private final JdbcClient jdbc;

    AuditLogRetention(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Deletes the records written before {@code cutoff} (never the newest); returns how many went. */
    @Transactional(propagation = Propagation.MANDATORY)
    public long purgeRecordedBefore(Instant cutoff) {
        Long n = jdbc.sql("SELECT purge_audit_events(?)")
                .param(OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC))
                .query(Long.class)
                .single();
        return n == null ? 0 : n;
    }

    /** Where the chain starts: after the newest purge, or at the genesis hash. */
    ChainStart chainStart() {
        // In hub mode another agency's chain starts at the genesis hash: the purge's cuts (audit_chain_starts) are
        // the home agency's chain's (V75; the purge of another agency's records is not built yet).
        if (AgencyScope.current().filter(a -> !a.equals(AgencyId.HOME)).isPresent()) {
            return ChainStart.GENESIS;
        }
        return jdbc.sql("""
                        SELECT through_id, through_hash,
                               (SELECT coalesce(sum(records_removed), 0) FROM audit_chain_starts) AS removed
                        FROM audit_chain_starts ORDER BY id DESC LIMIT 1
                        """)
                .query((rs, n) ->
                        new ChainStart(rs.getLong("through_id"), rs.getString("through_hash"), rs.getLong("removed")))
                .optional()
                .orElse(ChainStart.GENESIS);
    }

    /** The chain starts after record {@code throughId}, whose hash the first remaining record points at. */
    record ChainStart(long throughId, String throughHash, long recordsRemoved) {
        static final ChainStart GENESIS = new ChainStart(0, AuditLog.GENESIS, 0);

        Optional<String> describe() {
            return throughId == 0
                    ? Optional.empty()
                    : Optional.of(recordsRemoved + " records up to record " + throughId
                            + " were purged under the audit-log retention");
        }
    }
}
