package org.platewatch.server.alert;

import java.util.Set;
import org.platewatch.server.console.ConsoleController;
import org.platewatch.server.console.ConsoleNavEntry;
import org.platewatch.server.policy.AlertVerification;
import org.platewatch.server.policy.DepartmentProfile;
import org.springframework.context.annotation.Bean;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The live alerts page: only the shell. The alerts themselves come from the alert API ({@code /api/v1/alerts})
 * in the browser ({@code static/js/alerts.js}), on the session cookie with the CSRF header, so the API's own
 * role, training and CLETS checks apply to every alert shown or changed.
 */
@Controller
class AlertsPageController extends ConsoleController {

    /** Alerts carry plate text: not for auditors, who may not search detections. */
    static final Set<String> ALERT_ROLES = Set.of("OFFICER", "INVESTIGATOR", "SUPERVISOR", "ADMINISTRATOR");

    @Bean
    static ConsoleNavEntry alertsNav() {
        return new ConsoleNavEntry("alerts", "Live alerts", "/alerts", 10, ALERT_ROLES);
    }

    private final DepartmentProfile profile;

    AlertsPageController(DepartmentProfile profile) {
        this.profile = profile;
    }

    /** The page asks for what the profile requires: an early confirmation's exigency, a stop's outcome. */
    @GetMapping("/alerts")
    @PreAuthorize("hasAnyRole('OFFICER', 'INVESTIGATOR', 'SUPERVISOR', 'ADMINISTRATOR')")
    String alerts(Model model) {
        AlertVerification rule = profile.alertVerification();
        model.addAttribute("earlyConfirmation", rule != AlertVerification.REQUIRED);
        model.addAttribute("exigencyRequired", rule == AlertVerification.REQUIRED_ABSENT_EXIGENCY);
        model.addAttribute("outcomeRequired", profile.stopOutcomeRequired());
        return "alert/alerts";
    }
}
