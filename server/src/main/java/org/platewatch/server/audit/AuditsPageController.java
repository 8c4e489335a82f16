package org.platewatch.server.audit;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.UUID;
import org.platewatch.server.console.ConsoleController;
import org.platewatch.server.console.ConsoleNavEntry;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.policy.DepartmentProfile;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Audits page: whether an audit is due, the audit under way (its sample, each with a compliant / not compliant
 * form and a note, the data held past six months, the corrections of the period), completing it, and the filed
 * reports. Its forms (CSRF) go through {@link PeriodicAudits}, so the checks and the audit records are the API's.
 */
@Controller
@ConditionalOnWebApplication
@PreAuthorize(PeriodicAuditController.MAY_CONDUCT)
class AuditsPageController extends ConsoleController {

    static final String PAGE = "/audits";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final PeriodicAudits audits;
    private final ZoneId zone;

    AuditsPageController(PeriodicAudits audits, DepartmentProfile profile) {
        this.audits = audits;
        this.zone = profile.zone();
    }

    @GetMapping(PAGE)
    String page(Model model) {
        AuditDue due = audits.due();
        model.addAttribute("due", due);
        model.addAttribute("open", due.openAudit() == null ? null : audits.find(due.openAudit()));
        model.addAttribute(
                "filed", audits.list().stream().filter(AuditView::completed).toList());
        model.addAttribute("when", new Times(zone));
        return "audit/audits";
    }

    @PostMapping(PAGE)
    String start(RedirectAttributes redirect) {
        return outcome(redirect, () -> {
            AuditView started = audits.start();
            return "Audit started: " + started.sampleSize() + " of " + started.population() + " searches drawn.";
        });
    }

    @PostMapping(PAGE + "/{id}/findings")
    String mark(
            @PathVariable UUID id,
            @RequestParam UUID searchId,
            @RequestParam(required = false) String compliant,
            @RequestParam(required = false) String note,
            RedirectAttributes redirect) {
        Boolean finding = "true".equals(compliant) ? Boolean.TRUE : "false".equals(compliant) ? Boolean.FALSE : null;
        redirect.addFlashAttribute("markedSearch", searchId.toString());
        return outcome(redirect, () -> {
            audits.mark(id, new PeriodicAudits.Finding(searchId, finding, note));
            return "Finding saved.";
        });
    }

    @PostMapping(PAGE + "/{id}/complete")
    String complete(@PathVariable UUID id, RedirectAttributes redirect) {
        return outcome(redirect, () -> {
            audits.complete(id);
            return "Audit completed: its report is filed below.";
        });
    }

    private static String outcome(RedirectAttributes redirect, java.util.function.Supplier<String> action) {
        try {
            redirect.addFlashAttribute("notice", action.get());
        } catch (ProblemException e) {
            redirect.addFlashAttribute("failure", e.getMessage());
        }
        return "redirect:" + PAGE;
    }

    /** Times in the department's zone, for the template. */
    record Times(ZoneId zone) {
        public String of(Instant t) {
            return t == null ? "" : WHEN.format(t.atZone(zone));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Navigation {

        @Bean
        ConsoleNavEntry auditsNav() {
            return new ConsoleNavEntry("audits", "Audits", PAGE, 72, Set.of("AUDITOR", "ADMINISTRATOR"));
        }
    }
}
