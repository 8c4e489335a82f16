package org.platewatch.server.retention;

import jakarta.servlet.http.HttpServletResponse;
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
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The legal holds console: the list, placing a hold on a search's results, one hold with its reads, the
 * supervisor's approve / reject / release forms and the evidence download (which posts to the API with the page's
 * CSRF token). Every page and form goes through {@link LegalHolds}, which checks who may; a refusal comes back as a
 * console page, or beside the form it concerns.
 */
@Controller
@ConditionalOnWebApplication
@PreAuthorize(HoldsPageController.MAY_OPEN)
class HoldsPageController extends ConsoleController {

    static final String HOLDS = "/holds";
    /** The service then asks the permissions again, with training, the profile's search roles and the account. */
    static final String MAY_OPEN = HoldController.MAY_SEE;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final LegalHolds holds;
    private final ZoneId zone;

    HoldsPageController(LegalHolds holds, DepartmentProfile profile) {
        this.holds = holds;
        this.zone = profile.zone();
    }

    @GetMapping(HOLDS)
    String list(Model model) {
        model.addAttribute("holds", holds.list(500));
        model.addAttribute("supervisor", holds.mayDecide());
        return "retention/holds";
    }

    @GetMapping(HOLDS + "/new")
    String form(@RequestParam(required = false) UUID searchId, Model model) {
        model.addAttribute("searchId", searchId);
        return "retention/new-hold";
    }

    @PostMapping(HOLDS)
    String place(
            @RequestParam(required = false) String searchId,
            @RequestParam(required = false) String caseNumber,
            @RequestParam(required = false) String reason,
            HttpServletResponse response,
            Model model) {
        try {
            LegalHold hold = holds.place(new HoldRequest(caseNumber, reason, null, searchId));
            return "redirect:" + HOLDS + "/" + hold.id();
        } catch (ProblemException e) {
            response.setStatus(
                    e.type().status().value() == 400 ? 422 : e.type().status().value());
            model.addAttribute("searchId", searchId);
            model.addAttribute("caseNumber", caseNumber);
            model.addAttribute("reason", reason);
            model.addAttribute("error", e.getMessage());
            return "retention/new-hold";
        }
    }

    @GetMapping(HOLDS + "/{id}")
    String hold(@PathVariable long id, Model model) {
        LegalHolds.HoldDetail detail = holds.open(id);
        LegalHold h = detail.hold();
        model.addAttribute("hold", h);
        model.addAttribute("status", detail.status());
        model.addAttribute("reads", detail.reads());
        model.addAttribute("placedAt", local(h.placedAt()));
        model.addAttribute("decidedAt", local(h.approvedAt() != null ? h.approvedAt() : h.rejectedAt()));
        model.addAttribute("releasedAt", local(h.releasedAt()));
        boolean supervisor = holds.mayDecide();
        model.addAttribute("mayDecide", supervisor && detail.status() == HoldStatus.PENDING_APPROVAL);
        model.addAttribute(
                "ownHold",
                h.placedBy()
                        .equals(org.platewatch.server.platform.Actor.current().username()));
        model.addAttribute("mayRelease", supervisor && detail.status().protects());
        model.addAttribute("mayExport", detail.status() == HoldStatus.APPROVED);
        model.addAttribute("zone", zone.getId());
        return "retention/hold";
    }

    @PostMapping(HOLDS + "/{id}/decision")
    String decide(
            @PathVariable long id,
            @RequestParam(required = false) String decision,
            @RequestParam(required = false) String note,
            RedirectAttributes redirect) {
        try {
            LegalHolds.Decision chosen = "APPROVE".equals(decision)
                    ? LegalHolds.Decision.APPROVE
                    : "REJECT".equals(decision) ? LegalHolds.Decision.REJECT : null;
            if (chosen == null) {
                throw ProblemException.invalid("decision", "choose approve or reject");
            }
            LegalHold decided = holds.decide(id, chosen, note);
            redirect.addFlashAttribute(
                    "notice",
                    (chosen == LegalHolds.Decision.APPROVE ? "Approved" : "Rejected") + " the hold for case "
                            + decided.caseNumber() + ".");
        } catch (ProblemException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:" + HOLDS + "/" + id;
    }

    @PostMapping(HOLDS + "/{id}/release")
    String release(@PathVariable long id, @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        try {
            LegalHold released = holds.release(id, reason);
            redirect.addFlashAttribute("notice", "Released the hold for case " + released.caseNumber() + ".");
        } catch (ProblemException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:" + HOLDS + "/" + id;
    }

    /** A refusal on a page (another member's hold, no such hold) as a console page, not problem+json. */
    @ExceptionHandler(ProblemException.class)
    String refused(ProblemException e, HttpServletResponse response, Model model) {
        response.setStatus(e.type().status().value());
        model.addAttribute("problemTitle", e.type().title());
        model.addAttribute("problemDetail", e.getMessage());
        return "console/problem";
    }

    private String local(Instant t) {
        return t == null ? null : TIME.format(t.atZone(zone));
    }

    @Configuration(proxyBeanMethods = false)
    static class Navigation {

        @Bean
        ConsoleNavEntry holdsNav() {
            return new ConsoleNavEntry(
                    "holds", "Legal holds", HOLDS, 44, Set.of("INVESTIGATOR", "SUPERVISOR", "ADMINISTRATOR"));
        }
    }
}
