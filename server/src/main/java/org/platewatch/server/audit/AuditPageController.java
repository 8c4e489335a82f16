package org.platewatch.server.audit;

import java.util.Set;
import org.platewatch.server.console.ConsoleController;
import org.platewatch.server.console.ConsoleNavEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The audit log page, for auditors and administrators: only the shell, like the live alerts page. The
 * records, the CSV export and the day's chain head come from the audit API ({@code /api/v1/audit/**}) in
 * the browser, on the session, so the API's checks apply and every read and export is itself audited.
 */
@Controller
class AuditPageController extends ConsoleController {

    @GetMapping("/audit")
    @PreAuthorize("hasAuthority('PERMISSION_READ_AUDIT')")
    String audit(Model model) {
        return "audit/audit";
    }

    /** The page's menu entry; the API behind it checks READ_AUDIT. */
    @Configuration(proxyBeanMethods = false)
    static class Navigation {

        @Bean
        ConsoleNavEntry auditNav() {
            return new ConsoleNavEntry("audit", "Audit log", "/audit", 70, Set.of("AUDITOR", "ADMINISTRATOR"));
        }
    }
}
