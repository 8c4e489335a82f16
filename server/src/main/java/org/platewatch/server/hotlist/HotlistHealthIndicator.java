package org.platewatch.server.hotlist;

import java.util.List;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code hotlists}: {@code UP} while every external list is
 * within the profile's maximum age, {@code STALE} (ordered between OUT_OF_SERVICE and UP in
 * application.yml, so the overall status turns STALE too, with HTTP 200) when one is older or was
 * never loaded. Details carry list codes and ages only.
 */
@Component("hotlistsHealthIndicator") // health component "hotlists"
class HotlistHealthIndicator implements HealthIndicator {

    static final Status STALE = new Status("STALE", "A hot list is older than the policy's maximum age");

    private final HotlistFreshness freshness;

    HotlistHealthIndicator(HotlistFreshness freshness) {
        this.freshness = freshness;
    }

    @Override
    public Health health() {
        List<HotlistFreshness.ListFreshness> lists = freshness.report();
        List<String> stale = lists.stream()
                .filter(HotlistFreshness.ListFreshness::stale)
                .map(HotlistFreshness.ListFreshness::code)
                .toList();
        Health.Builder health = stale.isEmpty() ? Health.up() : Health.status(STALE);
        return health.withDetail("lists", lists.size())
                .withDetail("stale", stale)
                .build();
    }
}
