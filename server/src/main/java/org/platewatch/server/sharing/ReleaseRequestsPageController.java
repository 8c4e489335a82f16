package org.platewatch.server.sharing;

import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
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
 * The release requests page: enter an agency's written request, and decide the requests others entered. The form
 * goes through the same services as the API, so the law's refusals, the two-person rule and the audit are the same
 * whatever is clicked; a refusal comes back beside the form.
 */
@Controller
@ConditionalOnWebApplication
@PreAuthorize(SharingController.MAY_RELEASE)
class ReleaseRequestsPageController extends ConsoleController {

    /** A request as the page lists it. */
    record Row(ReleaseView view, String enteredAt, String decidedAt) {}

    private final ReleaseRequests requests;
    private final ReleaseDecisions decisions;
    private final ReleaseViews views;
    private final Agencies agencies;
    private final ZoneId zone;
    private final DepartmentProfile profile;

    ReleaseRequestsPageController(
            ReleaseRequests requests,
            ReleaseDecisions decisions,
            ReleaseViews views,
            Agencies agencies,
            DepartmentProfile profile) {
        this.requests = requests;
        this.decisions = decisions;
        this.views = views;
        this.agencies = agencies;
        this.zone = profile.zone();
        this.profile = profile;
    }

    @GetMapping(SharingPages.REQUESTS)
    String page(Model model) {
        fill(model);
        return "sharing/requests";
    }

    @PostMapping(SharingPages.REQUESTS)
    String enter(
            @RequestParam(required = false) Long agencyId,
            @RequestParam(required = false) String requesterName,
            @RequestParam(required = false) String requesterContact,
            @RequestParam(required = false) String caseNumber,
            @RequestParam(required = false) String purpose,
            @RequestParam(required = false) String warrantNumber,
            @RequestParam(required = false) String writtenRequest,
            @RequestParam(required = false) String readIds,
            @RequestParam(required = false) String paymentOffered,
            HttpServletResponse response,
            RedirectAttributes redirect,
            Model model) {
        List<String> ids = readIds == null
                ? List.of()
                : Arrays.stream(readIds.split("[\\s,]+"))
                        .filter(s -> !s.isBlank())
                        .toList();
        ReleaseRequestForm form = new ReleaseRequestForm(
                agencyId,
                requesterName,
                requesterContact,
                caseNumber,
                purpose,
                warrantNumber,
                writtenRequest,
                null,
                null,
                paymentOffered != null,
                ids,
                null);
        try {
            ReleaseRequest entered = requests.enter(form);
            redirect.addFlashAttribute(
                    "notice",
                    entered.route() == ReleaseRequest.Route.RECORDS
                            ? "Recorded and routed to " + entered.routedTo() + "; it is not released from here."
                            : "Request for case " + entered.caseNumber() + " entered; another administrator or the "
                                    + "designee decides it.");
            return "redirect:" + SharingPages.REQUESTS;
        } catch (ProblemException e) {
            response.setStatus(SharingPages.status(e));
            SharingPages.refusal(model, e);
            model.addAttribute("form", form);
            model.addAttribute("readIdsText", readIds);
            fill(model);
            return "sharing/requests";
        }
    }

    @PostMapping(SharingPages.REQUESTS + "/{id}")
    String decide(
            @PathVariable UUID id,
            @RequestParam(required = false) String decision,
            @RequestParam(required = false) String note,
            @RequestParam(required = false) String currentPassword,
            HttpServletResponse response,
            RedirectAttributes redirect,
            Model model) {
        try {
            if ("APPROVE".equals(decision)) {
                decisions.approveAtConsole(id, note, currentPassword);
                redirect.addFlashAttribute("notice", "Approved and released; the package is ready to send.");
            } else if ("REFUSE".equals(decision)) {
                decisions.refuse(id, note);
                redirect.addFlashAttribute("notice", "Refused.");
            } else {
                throw ProblemException.invalid("decision", "choose approve or refuse");
            }
            redirect.addFlashAttribute("decidedId", id.toString());
            return "redirect:" + SharingPages.REQUESTS;
        } catch (ProblemException e) {
            response.setStatus(SharingPages.status(e));
            SharingPages.refusal(model, e);
            model.addAttribute("failedId", id.toString());
            fill(model);
            return "sharing/requests";
        }
    }

    private void fill(Model model) {
        model.addAttribute(
                "requests",
                views.of(requests.recent()).stream()
                        .map(v -> new Row(
                                v,
                                SharingPages.local(v.enteredAt(), zone),
                                v.decision() == null
                                        ? null
                                        : SharingPages.local(v.decision().decidedAt(), zone)))
                        .toList());
        model.addAttribute("agencies", agencies.all());
        model.addAttribute("purposes", ReleasePurpose.values());
        model.addAttribute("me", currentUsername());
        model.addAttribute("approverTitle", profile.sharing().approverTitle());
        model.addAttribute("recordsPath", profile.sharing().nonLawEnforcementRequestsTo());
        model.addAttribute("warrantRequired", profile.sharing().warrantRequired());
    }

    private static String currentUsername() {
        return org.platewatch.server.platform.Actor.current().username();
    }
}
