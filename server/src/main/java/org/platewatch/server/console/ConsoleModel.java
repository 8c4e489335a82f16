package org.platewatch.server.console;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.policy.DepartmentProfile;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every console page's layout needs: the menu for the member's role, who is signed in, the zone. */
@ControllerAdvice(assignableTypes = ConsoleController.class)
class ConsoleModel {

    /** Titles of the users feature's roles, kept here as text so that console does not depend on users. */
    private static final java.util.Map<String, String> ROLE_TITLES = java.util.Map.of(
            "OFFICER",
            "Patrol officer",
            "INVESTIGATOR",
            "Investigator",
            "SUPERVISOR",
            "Supervisor",
            "ADMINISTRATOR",
            "ALPR administrator",
            "AUDITOR",
            "Auditor");

    private final ConsoleNavigation navigation;
    private final DepartmentProfile profile;

    ConsoleModel(ConsoleNavigation navigation, DepartmentProfile profile) {
        this.navigation = navigation;
        this.profile = profile;
    }

    @ModelAttribute("menu")
    List<ConsoleNavigation.Item> menu() {
        return navigation.menuFor(currentRoles());
    }

    @ModelAttribute("member")
    Actor member() {
        return Actor.current();
    }

    /** The member's role as the department says it ("Patrol officer"), for the header. */
    @ModelAttribute("roleTitles")
    List<String> roleTitles() {
        return currentRoles().stream()
                .sorted()
                .map(r -> ROLE_TITLES.getOrDefault(r, r))
                .toList();
    }

    @ModelAttribute("roleNames")
    Set<String> roleNames() {
        return currentRoles();
    }

    @ModelAttribute("currentPath")
    String currentPath(jakarta.servlet.http.HttpServletRequest request) {
        return request.getRequestURI();
    }

    @ModelAttribute("departmentZone")
    String zone() {
        return profile.zone().getId(); // the department's zone, from its policy profile
    }

    /** Role names of the signed-in member, without the {@code ROLE_} prefix. */
    static Set<String> currentRoles() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null) {
            return Set.of();
        }
        return auth.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_"))
                .map(a -> a.substring(5))
                .collect(Collectors.toSet());
    }
}
