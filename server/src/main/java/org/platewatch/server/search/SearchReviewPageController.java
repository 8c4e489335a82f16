package org.platewatch.server.search;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.platewatch.server.console.ConsoleController;
import org.platewatch.server.console.ConsoleNavEntry;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.policy.DepartmentProfile;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The search review pages, for administrators and auditors: the anomaly flags grouped by kind, each with the rule
 * that raised it and links to the searches behind it, and a search's record (its request, never its results).
 * Both go through {@link SearchReview}, so the page's reads are checked and audited as the API's are.
 */
@Controller
@PreAuthorize("hasAuthority('PERMISSION_READ_AUDIT')")
class SearchReviewPageController extends ConsoleController {

    static final String PATH = "/console/searches/anomalies";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z");

    private final SearchReview review;
    private final ZoneId zone;

    SearchReviewPageController(SearchReview review, DepartmentProfile profile) {
        this.review = review;
        this.zone = profile.zone();
    }

    /** The flags of one kind as the page shows them. */
    record KindGroup(String kind, String label, String rule, List<FlagRow> flags) {}

    /** One flag: its summary, whom it concerns, and its searches. */
    record FlagRow(String members, String summary, String period, List<SearchLink> searches) {}

    /** A link to the record of one search behind a flag. */
    record SearchLink(String href, String when, String member, String caseNumber) {}

    @GetMapping(PATH)
    String anomalies(Model model) {
        SearchAnomalyReport report = review.anomalies();
        List<KindGroup> groups = Arrays.stream(SearchAnomalyKind.values())
                .map(kind -> new KindGroup(
                        kind.name(),
                        kind.label(),
                        report.rules().stream()
                                .filter(r -> r.kind() == kind)
                                .findFirst()
                                .orElseThrow()
                                .rule(),
                        report.of(kind).stream().map(this::row).toList()))
                .toList();
        model.addAttribute("groups", groups);
        model.addAttribute("from", time(report.from()));
        model.addAttribute("to", time(report.to()));
        model.addAttribute("flagCount", report.anomalies().size());
        return "search/anomalies";
    }

    @GetMapping("/console/searches/{id}/record")
    String record(@PathVariable UUID id, Model model) {
        SearchView search = review.record(id);
        model.addAttribute("search", search);
        model.addAttribute("requestedAt", time(search.requestedAt()));
        model.addAttribute("decidedAt", time(search.decidedAt()));
        model.addAttribute("ranAt", time(search.ranAt()));
        return "search/record";
    }

    @ExceptionHandler(ProblemException.class)
    String refused(ProblemException e, HttpServletResponse response, Model model) {
        response.setStatus(e.type().status().value());
        model.addAttribute("problemTitle", e.type().title());
        model.addAttribute("problemDetail", e.getMessage());
        return "console/problem";
    }

    private FlagRow row(SearchAnomaly a) {
        return new FlagRow(
                a.members().stream()
                        .map(m -> m.name() + " (" + m.username() + ")")
                        .collect(Collectors.joining(", ")),
                a.summary(),
                time(a.first()) + " to " + time(a.last()),
                a.searches().stream()
                        .map(s -> new SearchLink(
                                "/console/searches/" + s.id() + "/record",
                                time(s.requestedAt()),
                                s.requestedBy(),
                                s.caseNumber()))
                        .toList());
    }

    private String time(Instant t) {
        return t == null ? null : TIME.format(t.atZone(zone));
    }

    /** The page's menu entry, beside the audit log; {@link SearchReview} checks READ_AUDIT. */
    @Configuration(proxyBeanMethods = false)
    static class Navigation {

        @Bean
        ConsoleNavEntry searchReviewNav() {
            return new ConsoleNavEntry("search-review", "Search review", PATH, 80, Set.of("AUDITOR", "ADMINISTRATOR"));
        }
    }
}
