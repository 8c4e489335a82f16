package org.platewatch.server.hotlist;

import java.util.List;
import org.platewatch.server.console.ConsoleController;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Puts the stale designated lists into every console page's model ({@code staleHotlists}), for the layout's
 * banner: a member who acts on alerts must know that a list in force is older than the policy allows. It lives
 * here, not in console, so that console does not depend on hotlist (hotlist's page already depends on console).
 */
@ControllerAdvice(assignableTypes = ConsoleController.class)
class StaleHotlistBanner {

    private final HotlistFreshness freshness;

    StaleHotlistBanner(HotlistFreshness freshness) {
        this.freshness = freshness;
    }

    @ModelAttribute("staleHotlists")
    List<HotlistFreshness.ListFreshness> staleHotlists() {
        if (!actsOnAlerts()) {
            return List.of();
        }
        return freshness.report().stream()
                .filter(HotlistFreshness.ListFreshness::stale)
                .toList();
    }

    private static boolean actsOnAlerts() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null
                && auth.getAuthorities().stream()
                        .anyMatch(a -> HotlistsPageController.MEMBER_ROLES.contains(
                                        a.getAuthority().replaceFirst("^ROLE_", ""))
                                && a.getAuthority().startsWith("ROLE_"));
    }
}
