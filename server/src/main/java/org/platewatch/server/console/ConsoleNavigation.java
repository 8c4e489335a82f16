package org.platewatch.server.console;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The menu: every {@link ConsoleNavEntry} bean, plus the pages that are planned but not built yet,
 * shown greyed out to the roles that will get them. When a feature declares an entry with a planned id,
 * its own entry takes the placeholder's place.
 */
@Component
class ConsoleNavigation {

    /** Pages other features will add; each disappears from here once a bean with its id exists. */
    static final List<ConsoleNavEntry> PLANNED =
            List.of(new ConsoleNavEntry("search", "Search", "/search", 40, Set.of("INVESTIGATOR", "SUPERVISOR")));

    private final List<Item> items;

    ConsoleNavigation(List<ConsoleNavEntry> declared) {
        Set<String> ids = declared.stream().map(ConsoleNavEntry::id).collect(Collectors.toSet());
        List<Item> all = new ArrayList<>();
        declared.forEach(e -> all.add(new Item(e, true)));
        PLANNED.stream().filter(p -> !ids.contains(p.id())).forEach(p -> all.add(new Item(p, false)));
        all.sort(Comparator.comparingInt((Item i) -> i.entry().order())
                .thenComparing(i -> i.entry().label()));
        this.items = List.copyOf(all);
    }

    /** The entries the given roles may see, in menu order. */
    List<Item> menuFor(Set<String> roles) {
        return items.stream().filter(i -> i.entry().visibleTo(roles)).toList();
    }

    /** An entry as the menu shows it: {@code ready} false for a planned page not built yet. */
    record Item(ConsoleNavEntry entry, boolean ready) {
        public String id() {
            return entry.id();
        }

        public String label() {
            return entry.label();
        }

        public String path() {
            return entry.path();
        }
    }
}
