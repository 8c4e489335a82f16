package org.platewatch.server.retention;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.platewatch.server.platform.HubProperties;
import org.platewatch.server.policy.DepartmentProfile;
import org.springframework.stereotype.Component;

/**
 * Retention status by agency (hub mode): for each agency, its retention and the day its reads of the oldest day
 * partition that still holds them go. Empty in a single department, whose status has one retention.
 */
@Component
class AgencyDues {

    /**
     * @param agency             the agency's code
     * @param detectionRetention its retention, in words
     * @param oldestDay          the oldest UTC day partition that still holds its reads (held ones aside); null when
     *                           none
     * @param goesOn             the local date, in its profile's zone, its reads of that day are purged on
     * @param overdue            whether that date has passed
     */
    record AgencyDue(
            String agency, String detectionRetention, LocalDate oldestDay, LocalDate goesOn, boolean overdue) {}

    private final HubProperties hub;
    private final AgencyPurgeStore store;
    private final PurgeStore purges;
    private final DepartmentProfile inForce;
    private final Clock clock;

    AgencyDues(HubProperties hub, AgencyPurgeStore store, PurgeStore purges, DepartmentProfile inForce, Clock clock) {
        this.hub = hub;
        this.store = store;
        this.purges = purges;
        this.inForce = inForce;
        this.clock = clock;
    }

    List<AgencyDue> dues() {
        if (!hub.enabled()) {
            return List.of();
        }
        List<LocalDate> days = purges.partitionDays();
        Set<String> done = store.purgedDays();
        return store.agencies(inForce).stream()
                .map(a -> {
                    Optional<LocalDate> oldest = days.stream()
                            .filter(d -> !done.contains(AgencyPurgeStore.key(d, a.agency())))
                            .findFirst();
                    Optional<LocalDate> goesOn =
                            oldest.flatMap(d -> a.calendar().map(c -> c.partitionDueOn(d)));
                    return new AgencyDue(
                            a.code(),
                            a.profile().detectionRetention().describe(),
                            oldest.orElse(null),
                            goesOn.orElse(null),
                            goesOn.map(g -> g.isBefore(a.today(clock))).orElse(false));
                })
                .toList();
    }
}
