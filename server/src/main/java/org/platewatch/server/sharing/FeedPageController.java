package org.platewatch.server.sharing;

import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.time.ZoneId;
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

/** An agreement's feed page, under the agreements tab: where the feed stands, its last batches, its settings. */
@Controller
@ConditionalOnWebApplication
@PreAuthorize(SharingController.MAY_MANAGE)
class FeedPageController extends ConsoleController {

    private final Feeds feeds;
    private final DepartmentProfile profile;

    FeedPageController(Feeds feeds, DepartmentProfile profile) {
        this.feeds = feeds;
        this.profile = profile;
    }

    @GetMapping(SharingPages.AGREEMENTS + "/{id}/feed")
    String feed(@PathVariable long id, Model model) {
        FeedStatus status = feeds.status(id);
        ZoneId zone = profile.zone();
        model.addAttribute("feed", status);
        model.addAttribute("lastErrorAt", SharingPages.local(status.lastErrorAt(), zone));
        model.addAttribute(
                "startsFromDay", status.startsFrom() == null ? null : LocalDate.ofInstant(status.startsFrom(), zone));
        model.addAttribute(
                "batches",
                status.recentBatches().stream()
                        .map(b -> new BatchRow(b, SharingPages.local(b.sentAt(), zone)))
                        .toList());
        model.addAttribute("scopes", Feed.FeedScope.values());
        return "sharing/feed";
    }

    /** A batch with its time in the department's zone. */
    record BatchRow(FeedBatch batch, String sentAt) {}

    @PostMapping(SharingPages.AGREEMENTS + "/{id}/feed")
    String configure(
            @PathVariable long id,
            @RequestParam(required = false) String ingestUrl,
            @RequestParam(required = false) String credential,
            @RequestParam(required = false) String scope,
            @RequestParam(required = false) String startsFrom,
            @RequestParam(required = false) String active,
            HttpServletResponse response,
            RedirectAttributes redirect,
            Model model) {
        try {
            feeds.configure(id, new Feeds.FeedForm(ingestUrl, credential, scope, startsFrom, "yes".equals(active)));
            redirect.addFlashAttribute("notice", "Feed settings saved.");
            return "redirect:" + SharingPages.AGREEMENTS + "/" + id + "/feed";
        } catch (ProblemException e) {
            response.setStatus(SharingPages.status(e));
            SharingPages.refusal(model, e);
            return feed(id, model);
        }
    }
}
