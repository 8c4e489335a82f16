package org.platewatch.server.audit;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The periodic audit's API, for auditors and administrators ({@code PERMISSION_CONDUCT_AUDITS}, granted by
 * {@code users.Permission}; this package sits below {@code users}).
 */
@RestController
@RequestMapping("/api/v1/audits")
@PreAuthorize(PeriodicAuditController.MAY_CONDUCT)
class PeriodicAuditController {

    static final String MAY_CONDUCT = "hasAuthority('PERMISSION_CONDUCT_AUDITS')";

    private final PeriodicAudits audits;

    PeriodicAuditController(PeriodicAudits audits) {
        this.audits = audits;
    }

    @GetMapping("/due")
    AuditDue due() {
        return audits.due();
    }

    @GetMapping
    List<AuditView> list() {
        return audits.list();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    AuditView start() {
        return audits.start();
    }

    @GetMapping("/{id}")
    AuditView audit(@PathVariable UUID id) {
        return audits.find(id);
    }

    @PostMapping("/{id}/findings")
    AuditView mark(@PathVariable UUID id, @RequestBody(required = false) PeriodicAudits.Finding finding) {
        return audits.mark(id, finding);
    }

    @PostMapping("/{id}/complete")
    AuditView complete(@PathVariable UUID id) {
        return audits.complete(id);
    }

    @GetMapping("/{id}/report.pdf")
    ResponseEntity<byte[]> pdf(@PathVariable UUID id) {
        AuditReportStore.FiledReport filed = audits.report(id, "pdf");
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"audit-" + id + ".pdf\"")
                .header("X-Content-SHA256", filed.pdfSha256())
                .body(filed.pdf());
    }

    @GetMapping("/{id}/report.html")
    ResponseEntity<byte[]> html(@PathVariable UUID id) {
        AuditReportStore.FiledReport filed = audits.report(id, "html");
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .header("X-Content-SHA256", filed.htmlSha256())
                .body(filed.html().getBytes(StandardCharsets.UTF_8));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(PeriodicAuditProperties.class)
    static class Settings {}
}
