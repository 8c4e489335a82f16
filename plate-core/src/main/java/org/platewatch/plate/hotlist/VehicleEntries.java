package org.platewatch.plate.hotlist;

import java.util.ArrayList;
import java.util.List;
import org.platewatch.plate.UsState;
import org.platewatch.plate.VehicleDescription;

/**
 * The vehicle-only entries of an index (custom BOLOs with a description and no plate). They are
 * few, so they are scanned; their attributes are normalised once, when the index is built, and the
 * read's once per match.
 */
final class VehicleEntries {

    private final HotlistEntry[] entries;
    // Normalised attributes per entry; null where the entry does not give one (anything agrees).
    private final String[] makes;
    private final String[] models;
    private final String[] colours;

    VehicleEntries(List<HotlistEntry> vehicleOnly) {
        entries = vehicleOnly.toArray(HotlistEntry[]::new);
        makes = new String[entries.length];
        models = new String[entries.length];
        colours = new String[entries.length];
        for (int i = 0; i < entries.length; i++) {
            VehicleDescription v = entries[i].vehicle();
            makes[i] = normalOrNull(v.make());
            models[i] = normalOrNull(v.model());
            colours[i] = normalOrNull(v.color());
        }
    }

    boolean isEmpty() {
        return entries.length == 0;
    }

    /** A VEHICLE match per entry whose every attribute the read has, and equal; null when none. */
    List<HotlistMatch> matches(VehicleDescription seen, UsState readState) {
        if (entries.length == 0 || seen == null || seen.attributeCount() == 0) {
            return null;
        }
        String make = normalOrNull(seen.make());
        String model = normalOrNull(seen.model());
        String colour = normalOrNull(seen.color());
        List<HotlistMatch> found = null;
        for (int i = 0; i < entries.length; i++) {
            if (agrees(makes[i], make) && agrees(models[i], model) && agrees(colours[i], colour)) {
                if (found == null) {
                    found = new ArrayList<>(2);
                }
                HotlistEntry e = entries[i];
                found.add(new HotlistMatch(e, MatchKind.VEHICLE, StateAgreement.of(e.state(), readState)));
            }
        }
        return found;
    }

    private static boolean agrees(String wanted, String seen) {
        return wanted == null || wanted.equals(seen);
    }

    private static String normalOrNull(String s) {
        return VehicleDescription.given(s) ? VehicleDescription.normal(s) : null;
    }
}
