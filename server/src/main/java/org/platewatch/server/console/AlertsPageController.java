package org.platewatch.server.console;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The live alerts page: only the shell. The alerts themselves come from the alert API
 * ({@code platewatch.console.alerts-api}) in the browser, on the session cookie with the CSRF header,
 * so the API's own role checks apply to every alert shown or changed.
 */
@Controller
class AlertsPageController extends ConsoleController {

    private final ConsoleProperties properties;

    AlertsPageController(ConsoleProperties properties) {
        this.properties = properties;
    }

    @GetMapping("/alerts")
    @PreAuthorize("hasAnyRole('OFFICER', 'INVESTIGATOR', 'SUPERVISOR', 'ADMINISTRATOR')")
    String alerts(Model model) {
        model.addAttribute("alertsApi", properties.alertsApi());
        return "console/alerts";
    }
}
