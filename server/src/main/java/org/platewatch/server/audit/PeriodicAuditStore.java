package org.platewatch.server.audit;

import static org.platewatch.server.audit.CorrectionStore.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.platewatch.server.platform.Actor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of periodic audits: the audit, its sample and findings. Reports are {@link AuditReportStore}'s. */
@Repository
class PeriodicAuditStore {

    private static final String COLUMNS = """
            id, started_by_name, started_at, period_from, sample_from, sample_to, population, sample_size, seed,
            due_on, completed_by_name, completed_at""";

    private final JdbcClient jdbc;

    PeriodicAuditStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** When the database was first migrated: the schedule's start unless the implementation day is configured. */
    Instant firstMigratedAt() {
        return jdbc.sql("SELECT first_migrated_at FROM audit_program")
                .query((rs, n) -> instant(rs, "first_migrated_at"))
                .single();
    }

    Optional<Instant> lastCompletedAt() {
        return jdbc.sql("SELECT max(completed_at) AS last FROM periodic_audits")
                .query((rs, n) -> Optional.ofNullable(instant(rs, "last")))
                .single();
    }

    Optional<UUID> openAudit() {
        return jdbc.sql("SELECT id FROM periodic_audits WHERE completed_at IS NULL")
                .query(UUID.class)
                .optional();
    }

    /** Serialises starting an audit, so that two auditors starting at once get one audit and a refusal. */
    void lockStarting() {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('periodic-audit-start'))")
                .query()
                .singleValue();
    }

    void insert(PeriodicAudit a, Actor by, List<UUID> sample) {
        jdbc.sql("""
                        INSERT INTO periodic_audits (id, started_by, started_by_name, started_at, period_from, sample_from,
                                                     sample_to, population, sample_size, seed, due_on)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                .params(
                        a.id(),
                        by.username(),
                        by.fullName(),
                        Timestamp.from(a.startedAt()),
                        Timestamp.from(a.periodFrom()),
                        Timestamp.from(a.sampleFrom()),
                        Timestamp.from(a.sampleTo()),
                        a.population(),
                        a.sampleSize(),
                        a.seed(),
                        a.dueOn())
                .update();
        for (int i = 0; i < sample.size(); i++) {
            jdbc.sql("INSERT INTO periodic_audit_sample (audit_id, position, search_id) VALUES (?, ?, ?)")
                    .params(a.id(), i + 1, sample.get(i))
                    .update();
        }
    }

    Optional<PeriodicAudit> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM periodic_audits WHERE id = ?")
                .param(id)
                .query(PeriodicAuditStore::audit)
                .optional();
    }

    Optional<PeriodicAudit> lock(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM periodic_audits WHERE id = ? FOR UPDATE")
                .param(id)
                .query(PeriodicAuditStore::audit)
                .optional();
    }

    /** Newest first. */
    List<PeriodicAudit> list(int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM periodic_audits ORDER BY started_at DESC LIMIT ?")
                .param(limit)
                .query(PeriodicAuditStore::audit)
                .list();
    }

    /** Marks one sampled search of this audit; false when the search is not in its sample. */
    boolean mark(UUID auditId, UUID searchId, boolean compliant, String note, Actor by, Instant at) {
        return jdbc.sql("""
                        UPDATE periodic_audit_sample SET compliant = ?, note = ?, marked_by = ?, marked_at = ?
                        WHERE audit_id = ? AND search_id = ?
                        """)
                        .params(compliant, note, by.fullName(), Timestamp.from(at), auditId, searchId)
                        .update()
                == 1;
    }

    int unmarked(UUID auditId) {
        return jdbc.sql("SELECT count(*) FROM periodic_audit_sample WHERE audit_id = ? AND compliant IS NULL")
                .param(auditId)
                .query(Integer.class)
                .single();
    }

    void complete(UUID id, Actor by, Instant at) {
        jdbc.sql("UPDATE periodic_audits SET completed_by = ?, completed_by_name = ?, completed_at = ? WHERE id = ?")
                .params(by.username(), by.fullName(), Timestamp.from(at), id)
                .update();
    }

    private static PeriodicAudit audit(ResultSet rs, int n) throws SQLException {
        return new PeriodicAudit(
                rs.getObject("id", UUID.class),
                rs.getString("started_by_name"),
                instant(rs, "started_at"),
                instant(rs, "period_from"),
                instant(rs, "sample_from"),
                instant(rs, "sample_to"),
                rs.getInt("population"),
                rs.getInt("sample_size"),
                rs.getLong("seed"),
                rs.getObject("due_on", java.time.LocalDate.class),
                rs.getString("completed_by_name"),
                instant(rs, "completed_at"));
    }
}
