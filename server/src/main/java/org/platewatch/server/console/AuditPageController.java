package org.platewatch.server.console;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The audit log page, for auditors and administrators: only the shell, like the live alerts page. The
 * records, the CSV export and the day's chain head come from the audit API ({@code /api/v1/audit/**}) in
 * the browser, on the session, so the API's checks apply and every read and export is itself audited.
 * (Here, not in audit: console depends on ingest, which writes to the audit log, so audit may not depend
 * on console.)
 */
@Controller
class AuditPageController extends ConsoleController {

    @GetMapping("/audit")
    @PreAuthorize("hasAuthority('PERMISSION_READ_AUDIT')")
    String audit(Model model) {
        return "console/audit";
    }
}
