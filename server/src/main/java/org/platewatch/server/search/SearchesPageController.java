package org.platewatch.server.search;

import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.policy.DepartmentProfile;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The search page: the form, and beside it the member's own searches. The form posts here (with the session's CSRF
 * token) and goes through {@link Searches#request}, the API's own steps: a refused field comes back beside its
 * field with the form as typed; a search that ran or waits for approval opens on its own page, whose address
 * carries its id only (never the terms).
 */
@Controller
@PreAuthorize("hasAuthority('PERMISSION_SEARCH_DETECTIONS')")
class SearchesPageController extends SearchConsoleController {

    static final int MY_SEARCHES = 25;

    /** One of the member's searches, as the list beside the form shows it. */
    record MySearch(
            UUID id,
            String status,
            String statusLabel,
            String caseNumber,
            String terms,
            String requestedAt,
            Integer total) {}

    /** A purpose as the form's select offers it. */
    record PurposeOption(String code, String label) {}

    private final Searches searches;
    private final CanvassMaps maps;
    private final ZoneId zone;

    SearchesPageController(Searches searches, CanvassMaps maps, DepartmentProfile profile) {
        this.searches = searches;
        this.maps = maps;
        this.zone = profile.zone();
    }

    @GetMapping(SearchConsolePages.SEARCHES)
    String page(Model model) {
        page(model, SearchForm.empty(), Map.of());
        return "search/searches";
    }

    @PostMapping(SearchConsolePages.SEARCHES)
    String search(@RequestParam MultiValueMap<String, String> params, HttpServletResponse response, Model model) {
        SearchForm form = SearchForm.of(params);
        Map<String, String> errors = new LinkedHashMap<>();
        SearchRequest request = form.request(errors);
        if (errors.isEmpty()) {
            try {
                SearchView view = searches.request(request);
                return "redirect:" + SearchConsolePages.SEARCHES + "/" + view.id();
            } catch (ProblemException e) {
                errors.putAll(SearchForm.errorsOf(e));
                // 403 for a forbidden purpose (and a member who may not search), else the form's own refusal
                response.setStatus(e.type().status().value() == 403 ? 403 : 422);
            }
        } else {
            response.setStatus(422);
        }
        page(model, form, errors);
        return "search/searches";
    }

    private void page(Model model, SearchForm form, Map<String, String> errors) {
        List<MySearch> mine = searches.mine(MY_SEARCHES).stream()
                .map(v -> new MySearch(
                        v.id(),
                        v.status().name(),
                        statusLabel(v.status()),
                        v.caseNumber(),
                        v.terms(),
                        time(v.requestedAt(), zone),
                        v.total()))
                .toList();
        model.addAttribute("mine", mine);
        model.addAttribute("form", form.values());
        model.addAttribute("chosenCameras", form.cameras());
        model.addAttribute("confusable", form.confusable());
        model.addAttribute("errors", errors);
        model.addAttribute(
                "purposes",
                java.util.Arrays.stream(SearchPurpose.values())
                        .map(p -> new PurposeOption(p.name(), p.label()))
                        .toList());
        model.addAttribute("cameras", maps.cameraOptions());
        model.addAttribute("mapData", maps.formMap());
        model.addAttribute("zone", zone.getId());
    }
}
