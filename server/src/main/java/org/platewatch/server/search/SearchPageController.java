package org.platewatch.server.search;

import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.platewatch.server.policy.DepartmentProfile;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * One search, for its requester: what it asked and where it stands (waiting for a supervisor, and why; refused,
 * and the supervisor's note), and once it ran its results, a page at a time, in a list beside the canvass map.
 * Opening an approved search runs it ({@link Searches#open}); each page shown is audited there. A result's image
 * comes from the API's audited image endpoint, only when the member opens that result.
 */
@Controller
@PreAuthorize("hasAuthority('PERMISSION_SEARCH_DETECTIONS')")
class SearchPageController extends SearchConsoleController {

    /** Results per page: a canvass page shows this many on the map at once. */
    static final int PAGE_SIZE = 100;

    /** A result as the list shows it. */
    record ResultRow(
            UUID readId,
            String time,
            String plate,
            String state,
            boolean lookAlike,
            String camera,
            String confidence,
            String correctedFrom,
            String correctionReason) {}

    private final Searches searches;
    private final CanvassMaps maps;
    private final ZoneId zone;

    SearchPageController(Searches searches, CanvassMaps maps, DepartmentProfile profile) {
        this.searches = searches;
        this.maps = maps;
        this.zone = profile.zone();
    }

    @GetMapping(SearchConsolePages.SEARCHES + "/{id}")
    String search(@PathVariable UUID id, @RequestParam(required = false) String cursor, Model model) {
        SearchView view = cursor == null || cursor.isBlank()
                ? searches.open(id, PAGE_SIZE)
                : searches.page(id, cursor, PAGE_SIZE);
        model.addAttribute("search", view);
        model.addAttribute("statusLabel", statusLabel(view.status()));
        model.addAttribute("requestedAt", time(view.requestedAt(), zone));
        model.addAttribute("decidedAt", time(view.decidedAt(), zone));
        model.addAttribute("ranAt", time(view.ranAt(), zone));
        model.addAttribute("laterPage", cursor != null && !cursor.isBlank());
        model.addAttribute("zone", zone.getId());
        if (view.status() == SearchStatus.COMPLETED) {
            model.addAttribute("results", rows(view.results()));
            model.addAttribute("mayCorrect", currentRoles().contains("ADMINISTRATOR"));
            SearchArea area = searches.requesterOf(id).criteria().area();
            model.addAttribute("canvass", maps.canvass(view, area));
        }
        return "search/search";
    }

    private List<ResultRow> rows(List<SearchHit> hits) {
        return hits.stream()
                .map(h -> new ResultRow(
                        h.readId(),
                        time(h.capturedAt(), zone),
                        h.plate(),
                        h.state(),
                        h.lookAlike(),
                        h.cameraName(),
                        Math.round(h.confidence() * 100) + " %",
                        h.correction() == null
                                ? null
                                : h.correction().originalPlate() + " "
                                        + (h.correction().originalState() == null
                                                ? "??"
                                                : h.correction().originalState()),
                        h.correction() == null ? null : h.correction().reason()))
                .toList();
    }
}
