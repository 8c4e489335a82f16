package org.platewatch.server.search;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.platewatch.server.policy.DepartmentProfile;
import org.platewatch.server.policy.SearchRules;
import org.springframework.stereotype.Component;

/**
 * Whether a valid search is broad enough that a supervisor must approve it before it runs, by the profile's
 * limits. A plate narrows a search to a vehicle; without one, a long window or a wide area sweeps up everyone who
 * drove by, which the policies reserve for a supervisor's decision.
 */
@Component
class SearchScope {

    private final SearchRules rules;

    SearchScope(DepartmentProfile profile) {
        this.rules = profile.search();
    }

    /** Why the search needs approval, one reason a line; empty when it may run at once. */
    List<String> broadBecause(SearchCriteria c) {
        List<String> why = new ArrayList<>();
        if (c.partialPlate() && c.knownPlateCharacters() < rules.minKnownPlateCharacters()) {
            why.add("a partial plate with fewer than " + rules.minKnownPlateCharacters() + " known characters");
        }
        if (c.hasPlate()) {
            return why;
        }
        Optional<Duration> window = c.window();
        if (window.isEmpty()) {
            why.add("no plate and no complete time window (from and to)");
        } else if (window.get().compareTo(rules.maxWindowWithoutPlate()) > 0) {
            why.add("no plate and a time window longer than "
                    + rules.maxWindowWithoutPlate().toDays() + " days");
        }
        if (c.area() == null && c.cameras().isEmpty()) {
            why.add("no plate and neither an area nor cameras");
        } else if (c.area() != null && c.area().widthRadiusMeters() > rules.maxRadiusMetersWithoutPlate()) {
            why.add("no plate and an area wider than " + rules.maxRadiusMetersWithoutPlate() + " m");
        }
        return why;
    }
}
