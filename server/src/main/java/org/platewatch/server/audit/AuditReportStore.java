package org.platewatch.server.audit;

import static org.platewatch.server.audit.CorrectionStore.instant;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.platewatch.server.policy.AuditReportForm;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Filed audit reports: written once, in the completing transaction; the application may not change one. */
@Repository
class AuditReportStore {

    /** A filed report and the SHA-256 of each of its forms. */
    record FiledReport(
            UUID auditId,
            AuditReportForm form,
            String html,
            String htmlSha256,
            byte[] pdf,
            String pdfSha256,
            Instant createdAt) {}

    private final JdbcClient jdbc;

    AuditReportStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(FiledReport r) {
        jdbc.sql("""
                        INSERT INTO periodic_audit_reports (audit_id, form, html, html_sha256, pdf, pdf_sha256, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """)
                .params(
                        r.auditId(),
                        r.form().name(),
                        r.html(),
                        r.htmlSha256(),
                        r.pdf(),
                        r.pdfSha256(),
                        Timestamp.from(r.createdAt()))
                .update();
    }

    /** The PDF's SHA-256, without reading the files: for the listing. */
    Optional<String> pdfSha256(UUID auditId) {
        return jdbc.sql("SELECT pdf_sha256 FROM periodic_audit_reports WHERE audit_id = ?")
                .param(auditId)
                .query(String.class)
                .optional();
    }

    Optional<FiledReport> find(UUID auditId) {
        return jdbc.sql("""
                        SELECT audit_id, form, html, html_sha256, pdf, pdf_sha256, created_at
                        FROM periodic_audit_reports WHERE audit_id = ?
                        """)
                .param(auditId)
                .query((rs, n) -> new FiledReport(
                        rs.getObject("audit_id", UUID.class),
                        AuditReportForm.valueOf(rs.getString("form")),
                        rs.getString("html"),
                        rs.getString("html_sha256"),
                        rs.getBytes("pdf"),
                        rs.getString("pdf_sha256"),
                        instant(rs, "created_at")))
                .optional();
    }
}
