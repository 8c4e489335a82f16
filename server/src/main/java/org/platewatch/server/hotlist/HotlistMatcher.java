package org.platewatch.server.hotlist;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.platewatch.plate.UsState;
import org.platewatch.plate.VehicleDescription;
import org.platewatch.plate.hotlist.HotlistEntry;
import org.platewatch.plate.hotlist.HotlistIndex;
import org.platewatch.plate.hotlist.HotlistMatch;
import org.platewatch.server.platform.AgencyId;
import org.platewatch.server.platform.AgencyScope;
import org.platewatch.server.platform.Cluster;
import org.platewatch.server.platform.DatabaseNotices;
import org.platewatch.server.platform.HubProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The hot lists in force, as one immutable {@link HotlistIndex} that every read is matched against.
 *
 * <p>An import or an approval builds a new index from the database and swaps it in with one
 * {@link AtomicReference#set}; a read being matched at that moment sees either the old lists or the
 * new ones, never a mix. Expiry is checked at match time against the injected clock (the matcher in
 * plate-core knows nothing of expiry), and a scheduled rebuild drops expired entries from the index.
 *
 * <p>In hub mode the entries are split by owner: one index of the hub-wide lists (the imported state and federal
 * sources) and one per agency of its own custom entries. A read is matched against the hub-wide index and its own
 * agency's, never another's; a read without a custom entry of its agency costs one more empty look-up. Outside hub
 * mode there is one index, as before.
 */
@Component
public class HotlistMatcher {

    private static final Logger log = LoggerFactory.getLogger(HotlistMatcher.class);

    private final HotlistStore store;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final DatabaseNotices notices;
    private final boolean clustered;
    private final boolean hub;
    private static final Comparator<HotlistMatch> STRONGEST_FIRST = Comparator.comparing(HotlistMatch::kind)
            .thenComparingLong(m -> m.entry().id());
    private static final String CHANGED = "platewatch_hotlists";
    private final AtomicReference<Snapshot> current =
            new AtomicReference<>(new Snapshot(HotlistIndex.empty(), Map.of(), Map.of()));

    HotlistMatcher(
            HotlistStore store,
            Clock clock,
            ApplicationEventPublisher events,
            Cluster cluster,
            DatabaseNotices notices,
            HubProperties hubProperties) {
        this.hub = hubProperties.enabled();
        this.notices = notices;
        this.clustered = cluster.enabled();
        if (clustered) {
            // Another server changed the lists: rebuild here too (this server's own change is rebuilt already).
            notices.listen(CHANGED, (payload, fromHere) -> {
                if (!fromHere) {
                    rebuildHere();
                }
            });
        }
        this.store = store;
        this.clock = clock;
        this.events = events;
    }

    /**
     * Every entry in force that a read of the home agency matches, strongest first; an empty list (the common
     * case) allocates nothing. Outside hub mode every read is the home agency's.
     *
     * @param plate      normalised plate text
     * @param stateCode  two-letter state code, or null when the camera could not tell
     */
    public List<HotlistMatch> match(String plate, String stateCode) {
        return match(plate, stateCode, null, AgencyId.HOME);
    }

    /**
     * As {@link #match(String, String)} for a read of {@code agency}: the hub-wide lists and the agency's own
     * entries (in hub mode; outside it, every entry), plus a {@code VEHICLE} match for every vehicle-only custom
     * entry in force whose make, model and colour (those it gives) the read's description agrees with.
     *
     * @param vehicleOrNull what the camera saw of the vehicle; null or unknown matches no such entry
     */
    public List<HotlistMatch> match(String plate, String stateCode, VehicleDescription vehicleOrNull, AgencyId agency) {
        Snapshot snapshot = current.get();
        UsState state = stateCode == null ? null : UsState.fromCode(stateCode).orElse(null);
        List<HotlistMatch> matches = snapshot.hubWide().match(plate, state, vehicleOrNull);
        HotlistIndex own = snapshot.byAgency().get(agency);
        if (own != null) {
            List<HotlistMatch> ofAgency = own.match(plate, state, vehicleOrNull);
            if (!ofAgency.isEmpty()) {
                List<HotlistMatch> both = new ArrayList<>(matches.size() + ofAgency.size());
                both.addAll(matches);
                both.addAll(ofAgency);
                both.sort(STRONGEST_FIRST);
                matches = List.copyOf(both);
            }
        }
        if (matches.isEmpty() || snapshot.expiries().isEmpty()) {
            return matches;
        }
        Instant now = clock.instant();
        List<HotlistMatch> live = new ArrayList<>(matches.size());
        for (HotlistMatch m : matches) {
            Instant expires = snapshot.expiries().get(m.entry().id());
            if (expires == null || expires.isAfter(now)) {
                live.add(m);
            }
        }
        return live.size() == matches.size() ? matches : List.copyOf(live);
    }

    /** How many entries are in force. */
    public int size() {
        Snapshot snapshot = current.get();
        return snapshot.hubWide().size()
                + snapshot.byAgency().values().stream()
                        .mapToInt(HotlistIndex::size)
                        .sum();
    }

    /**
     * Rebuilds the index after a change of the lists; in a cluster, every other server rebuilds its own on the
     * notice this sends.
     */
    public void rebuild() {
        rebuildHere();
        if (clustered) {
            notices.send(CHANGED, "changed");
        }
    }

    private synchronized void rebuildHere() {
        // Every agency's entries (in hub mode the database shows them to the hub-wide maintenance alone).
        List<HotlistStore.ActiveEntry> active = AgencyScope.hubWide(() -> store.activeEntries(clock.instant()));
        List<HotlistEntry> entries = new ArrayList<>(active.size());
        Map<AgencyId, List<HotlistEntry>> ofAgencies = new HashMap<>();
        Map<Long, Instant> expiries = new HashMap<>();
        int skipped = 0;
        for (HotlistStore.ActiveEntry e : active) {
            try {
                UsState state = e.state() == null
                        ? null
                        : UsState.fromCode(e.state().trim()).orElse(null);
                HotlistEntry entry = new HotlistEntry(
                        e.id(),
                        e.listCode(),
                        e.plate(),
                        state,
                        VehicleDescription.of(e.make(), e.model(), e.color()),
                        e.reason());
                if (hub && e.agency() != null) {
                    ofAgencies
                            .computeIfAbsent(e.agency(), a -> new ArrayList<>())
                            .add(entry);
                } else {
                    entries.add(entry);
                }
                if (e.expiresAt() != null) {
                    expiries.put(e.id(), e.expiresAt());
                }
            } catch (IllegalArgumentException ex) {
                skipped++; // validated on the way in; a row the matcher refuses is left out, by id only
                log.warn("Hot-list entry {} left out of the index: {}", e.id(), ex.getMessage());
            }
        }
        Map<AgencyId, HotlistIndex> byAgency = new HashMap<>();
        int inForce = entries.size();
        for (Map.Entry<AgencyId, List<HotlistEntry>> own : ofAgencies.entrySet()) {
            byAgency.put(own.getKey(), HotlistIndex.build(own.getValue()));
            inForce += own.getValue().size();
        }
        current.set(new Snapshot(HotlistIndex.build(entries), Map.copyOf(byAgency), Map.copyOf(expiries)));
        log.info(
                "Hot-list index rebuilt: {} entries in force ({} agencies with entries of their own), {} left out",
                inForce,
                byAgency.size(),
                skipped);
        events.publishEvent(new HotlistSwapped(inForce));
    }

    @EventListener(ApplicationReadyEvent.class)
    void loadOnStart() {
        rebuildHere();
    }

    @Scheduled(
            fixedDelayString = "${platewatch.hotlist.expiry-check-interval:1m}",
            initialDelayString = "${platewatch.hotlist.expiry-check-interval:1m}")
    void dropExpired() {
        Snapshot snapshot = current.get();
        Instant now = clock.instant();
        if (snapshot.expiries().values().stream().anyMatch(e -> !e.isAfter(now))) {
            rebuildHere(); // every server drops expired entries from its own index
        }
    }

    /** The hub-wide index (outside hub mode: every entry), each agency's own, and the expiries of both. */
    private record Snapshot(HotlistIndex hubWide, Map<AgencyId, HotlistIndex> byAgency, Map<Long, Instant> expiries) {}
}
