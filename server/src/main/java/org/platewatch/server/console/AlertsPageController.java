package org.platewatch.server.console;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The live alerts page: only the shell. The alerts themselves come from the alert API ({@code /api/v1/alerts})
 * in the browser, on the session cookie with the CSRF header, so the API's own role, training and CLETS checks
 * apply to every alert shown or changed.
 */
@Controller
class AlertsPageController extends ConsoleController {

    @GetMapping("/alerts")
    @PreAuthorize("hasAnyRole('OFFICER', 'INVESTIGATOR', 'SUPERVISOR', 'ADMINISTRATOR')")
    String alerts() {
        return "console/alerts";
    }
}
