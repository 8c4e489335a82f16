package org.platewatch.server.audit;

import java.util.UUID;
import org.platewatch.server.console.ConsoleController;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.policy.DepartmentProfile;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Correcting a read (administrators): reached from a search result's "Correct" link, which carries the read id only
 * (never plate text in a URL). The form goes through {@link DataCorrections}; the page lists the corrections on
 * record, those still to report to the regional centre first.
 */
@Controller
@ConditionalOnWebApplication
@PreAuthorize(DataCorrectionController.MAY_CORRECT)
class CorrectionsPageController extends ConsoleController {

    static final String PAGE = "/corrections";
    static final int SHOWN = 200;

    private final DataCorrections corrections;
    private final DepartmentProfile profile;

    CorrectionsPageController(DataCorrections corrections, DepartmentProfile profile) {
        this.corrections = corrections;
        this.profile = profile;
    }

    @GetMapping(PAGE)
    String page(@RequestParam(required = false) UUID read, Model model) {
        model.addAttribute("read", read);
        model.addAttribute("corrections", corrections.list(false, SHOWN)); // shows plates: audited
        model.addAttribute("centre", profile.audit().regionalCentre().orElse(null));
        model.addAttribute("when", new AuditsPageController.Times(profile.zone()));
        return "audit/corrections";
    }

    @PostMapping(PAGE + "/{id}/reported")
    String reported(@PathVariable long id, RedirectAttributes redirect) {
        try {
            DetectionCorrection c = corrections.markReported(id);
            redirect.addFlashAttribute("notice", "Correction " + id + " recorded as reported to " + c.reportTo() + ".");
        } catch (ProblemException e) {
            redirect.addFlashAttribute("failure", e.getMessage());
        }
        return "redirect:" + PAGE;
    }

    @PostMapping(PAGE)
    String correct(
            @RequestParam UUID read,
            @RequestParam(required = false) String plate,
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String reason,
            RedirectAttributes redirect) {
        try {
            corrections.correct(read, new DataCorrections.Request(plate, state, reason));
            redirect.addFlashAttribute("notice", "Read " + read + " corrected; the original stays on the record.");
            return "redirect:" + PAGE;
        } catch (ProblemException e) {
            redirect.addFlashAttribute("failure", e.getMessage());
            return "redirect:" + PAGE + "?read=" + read;
        }
    }
}
