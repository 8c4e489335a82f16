package org.platewatch.server.search;

import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.policy.DepartmentProfile;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The supervisors' queue of broad searches: who asked, for which case and purpose, what the search covers and why
 * it is broad; never its results. Each search has an approve and a reject-with-note form (CSRF), which go through
 * {@link SearchApprovals#decide}: its refusals (one's own search, a search already decided, a rejection without
 * a note) come back beside that search's form.
 */
@Controller
@PreAuthorize("hasAuthority('PERMISSION_APPROVE_BROAD_SEARCHES')")
class SearchApprovalsPageController extends SearchConsoleController {

    /** A pending search as the queue shows it. */
    record PendingSearch(
            UUID id,
            String requestedBy,
            String requestedAt,
            String caseNumber,
            String purposeLabel,
            String reason,
            String terms,
            List<String> broadBecause) {}

    private final SearchApprovals approvals;
    private final ZoneId zone;

    SearchApprovalsPageController(SearchApprovals approvals, DepartmentProfile profile) {
        this.approvals = approvals;
        this.zone = profile.zone();
    }

    @GetMapping(SearchConsolePages.APPROVALS)
    String queue(Model model) {
        page(model, null, Map.of(), Map.of());
        return "search/approvals";
    }

    @PostMapping(SearchConsolePages.APPROVALS + "/{id}")
    String decide(
            @PathVariable UUID id,
            @RequestParam(required = false) String decision,
            @RequestParam(required = false) String note,
            HttpServletResponse response,
            RedirectAttributes redirect,
            Model model) {
        SearchApprovals.Decision chosen = "APPROVE".equals(decision)
                ? SearchApprovals.Decision.APPROVE
                : "REJECT".equals(decision) ? SearchApprovals.Decision.REJECT : null;
        try {
            if (chosen == null) {
                throw ProblemException.invalid("decision", "choose approve or reject");
            }
            SearchView decided = approvals.decide(id, chosen, note);
            redirect.addFlashAttribute(
                    "decided",
                    (chosen == SearchApprovals.Decision.APPROVE ? "Approved" : "Refused") + " the search for case "
                            + decided.caseNumber() + " by " + decided.requestedBy() + ".");
            redirect.addFlashAttribute("decidedId", id.toString());
            return "redirect:" + SearchConsolePages.APPROVALS;
        } catch (ProblemException e) {
            int status = e.type().status().value();
            response.setStatus(status == 400 ? 422 : status);
            String message = e.getMessage();
            if (e.field() != null && message.startsWith(e.field() + ": ")) {
                message = message.substring(e.field().length() + 2);
            }
            page(model, id, Map.of(id.toString(), message), Map.of(id.toString(), note == null ? "" : note));
            return "search/approvals";
        }
    }

    private void page(Model model, UUID failed, Map<String, String> errors, Map<String, String> notes) {
        List<PendingSearch> pending = approvals.pending().stream()
                .map(v -> new PendingSearch(
                        v.id(),
                        v.requestedBy(),
                        time(v.requestedAt(), zone),
                        v.caseNumber(),
                        v.purposeLabel(),
                        v.reason(),
                        v.terms(),
                        v.broadBecause()))
                .toList();
        model.addAttribute("pending", pending);
        model.addAttribute("errors", errors);
        model.addAttribute("notes", notes);
        // a refusal for a search no longer in the queue (decided by another supervisor meanwhile) still shows
        model.addAttribute(
                "failedElsewhere",
                failed != null && pending.stream().noneMatch(p -> p.id().equals(failed))
                        ? errors.get(failed.toString())
                        : null);
    }
}
