package org.platewatch.server.sharing;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import org.platewatch.server.console.ConsoleController;
import org.platewatch.server.platform.ProblemException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The security breach record in the console: record a breach, see who and what it concerns, track its steps. */
@Controller
@ConditionalOnWebApplication
@PreAuthorize(BreachController.MAY_RECORD)
class BreachPagesController extends ConsoleController {

    private final Breaches breaches;

    BreachPagesController(Breaches breaches) {
        this.breaches = breaches;
    }

    @GetMapping(SharingPages.BREACHES)
    String list(Model model) {
        model.addAttribute("breaches", breaches.all());
        return "sharing/breaches";
    }

    @PostMapping(SharingPages.BREACHES)
    String record(
            @RequestParam(required = false) String summary,
            @RequestParam(required = false) String foundAt,
            @RequestParam(required = false) String windowFrom,
            @RequestParam(required = false) String windowTo,
            @RequestParam(required = false) String dataConcerned,
            @RequestParam(required = false) String members,
            @RequestParam(required = false) String subjects,
            HttpServletResponse response,
            RedirectAttributes redirect,
            Model model) {
        try {
            SecurityBreach b = breaches.record(new Breaches.NewBreach(
                    summary, foundAt, windowFrom, windowTo, dataConcerned, words(members), words(subjects)));
            return "redirect:" + SharingPages.BREACHES + "/" + b.id();
        } catch (ProblemException e) {
            response.setStatus(SharingPages.status(e));
            SharingPages.refusal(model, e);
            return list(model);
        }
    }

    @GetMapping(SharingPages.BREACHES + "/{id}")
    String one(@PathVariable long id, Model model) {
        model.addAttribute("breach", breaches.one(id));
        model.addAttribute("concerned", breaches.concerned(id));
        return "sharing/breach";
    }

    @PostMapping(SharingPages.BREACHES + "/{id}/steps")
    String addStep(
            @PathVariable long id,
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) String description,
            HttpServletResponse response,
            Model model) {
        return act(id, response, model, () -> breaches.addStep(id, new Breaches.NewStep(kind, description)));
    }

    @PostMapping(SharingPages.BREACHES + "/{id}/steps/{stepId}/done")
    String done(@PathVariable long id, @PathVariable long stepId, HttpServletResponse response, Model model) {
        return act(id, response, model, () -> breaches.markDone(id, stepId));
    }

    @PostMapping(SharingPages.BREACHES + "/{id}/close")
    String close(@PathVariable long id, HttpServletResponse response, Model model) {
        return act(id, response, model, () -> breaches.close(id));
    }

    private String act(long id, HttpServletResponse response, Model model, Runnable action) {
        try {
            action.run();
            return "redirect:" + SharingPages.BREACHES + "/" + id;
        } catch (ProblemException e) {
            response.setStatus(SharingPages.status(e));
            SharingPages.refusal(model, e);
            return one(id, model);
        }
    }

    private static List<String> words(String text) {
        return text == null
                ? List.of()
                : Arrays.stream(text.split("[\\s,]+")).filter(s -> !s.isBlank()).toList();
    }
}
