package org.platewatch.server.sharing;

import jakarta.servlet.http.HttpServletResponse;
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

/** The agencies and agreements pages: register an agency; record, change and withdraw standing agreements. */
@Controller
@ConditionalOnWebApplication
@PreAuthorize(SharingController.MAY_MANAGE)
class AgencyPagesController extends ConsoleController {

    private final Agencies agencies;
    private final Agreements agreements;

    AgencyPagesController(Agencies agencies, Agreements agreements) {
        this.agencies = agencies;
        this.agreements = agreements;
    }

    @GetMapping(SharingPages.AGENCIES)
    String agencies(Model model) {
        model.addAttribute("agencies", agencies.all());
        model.addAttribute("kinds", AgencyKind.values());
        return "sharing/agencies";
    }

    @PostMapping(SharingPages.AGENCIES)
    String register(
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String federal,
            @RequestParam(required = false) String contact,
            HttpServletResponse response,
            RedirectAttributes redirect,
            Model model) {
        Agencies.NewAgency form =
                new Agencies.NewAgency(name, kind, state, federal == null ? null : "yes".equals(federal), contact);
        try {
            Agency a = agencies.register(form);
            redirect.addFlashAttribute("notice", "Registered " + a.name() + ".");
            return "redirect:" + SharingPages.AGENCIES;
        } catch (ProblemException e) {
            response.setStatus(SharingPages.status(e));
            SharingPages.refusal(model, e);
            model.addAttribute("form", form);
            return agencies(model);
        }
    }

    @GetMapping(SharingPages.AGREEMENTS)
    String agreements(Model model) {
        model.addAttribute("agreements", agreements.all());
        model.addAttribute("agencies", agencies.all());
        return "sharing/agreements";
    }

    @PostMapping(SharingPages.AGREEMENTS)
    String recordAgreement(
            @RequestParam(required = false) Long agencyId,
            @RequestParam(required = false) String mouDate,
            @RequestParam(required = false) String scope,
            @RequestParam(required = false) String startsOn,
            @RequestParam(required = false) String endsOn,
            HttpServletResponse response,
            RedirectAttributes redirect,
            Model model) {
        try {
            agreements.record(new Agreements.AgreementForm(agencyId, mouDate, scope, startsOn, endsOn));
            redirect.addFlashAttribute("notice", "Agreement recorded.");
            return "redirect:" + SharingPages.AGREEMENTS;
        } catch (ProblemException e) {
            response.setStatus(SharingPages.status(e));
            SharingPages.refusal(model, e);
            return agreements(model);
        }
    }

    @PostMapping(SharingPages.AGREEMENTS + "/{id}/withdraw")
    String withdraw(@PathVariable long id, HttpServletResponse response, RedirectAttributes redirect, Model model) {
        try {
            agreements.withdraw(id);
            redirect.addFlashAttribute("notice", "Agreement " + id + " withdrawn.");
            return "redirect:" + SharingPages.AGREEMENTS;
        } catch (ProblemException e) {
            response.setStatus(SharingPages.status(e));
            SharingPages.refusal(model, e);
            return agreements(model);
        }
    }
}
