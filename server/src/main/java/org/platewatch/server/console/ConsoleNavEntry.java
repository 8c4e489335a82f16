package org.platewatch.server.console;

import java.util.Set;

/**
 * One entry of the console's navigation. A feature that has a console page declares one as a bean:
 *
 * <pre>{@code
 * @Bean
 * ConsoleNavEntry hotlistsNav() {
 *     return new ConsoleNavEntry("hotlists", "Hot lists", "/hotlists", 30, Set.of("OFFICER", "SUPERVISOR"));
 * }
 * }</pre>
 *
 * The roles are role names ({@code users.Role#name()}), kept as text so that console does not depend on
 * users. The page's controller must check the same roles itself ({@code @PreAuthorize}): the menu only hides.
 *
 * @param id    stable key; a bean with the id of a planned entry replaces the placeholder
 * @param label what the menu says
 * @param path  where it leads: a path, never carrying plate text or other search terms
 * @param order position in the menu, lower first
 * @param roles who sees the entry
 */
public record ConsoleNavEntry(String id, String label, String path, int order, Set<String> roles) {

    public ConsoleNavEntry {
        roles = Set.copyOf(roles);
    }

    public boolean visibleTo(Set<String> userRoles) {
        return roles.stream().anyMatch(userRoles::contains);
    }
}
