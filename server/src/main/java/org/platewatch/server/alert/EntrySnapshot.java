package org.platewatch.server.alert;

import java.time.Instant;
import org.platewatch.plate.VehicleDescription;
import org.platewatch.plate.hotlist.HotlistMatch;
import org.platewatch.server.hotlist.HotlistEntryView;

/**
 * The hot-list entry as it was when the alert was raised ({@code alerts.entry_json}): a list re-imported or
 * an entry expired later does not change what the officer acted on. {@code plate} is null for a
 * vehicle-only entry; {@code listStale} says the list was past the profile's maximum age at the time.
 */
public record EntrySnapshot(
        long id,
        String list,
        String listName,
        String plate,
        String state,
        String reason,
        VehicleDescription vehicle,
        String caseNumber,
        String listType,
        String enteringAgency,
        boolean partial,
        boolean vehicleOnly,
        Instant listAsOf,
        boolean listStale) {

    public EntrySnapshot {
        if (vehicle == null) {
            vehicle = VehicleDescription.UNKNOWN;
        }
    }

    /** From the match and the entry's row; {@code details} is null when the row is gone already. */
    static EntrySnapshot of(HotlistMatch match, HotlistEntryView details, boolean listStale) {
        var e = match.entry();
        var v = e.vehicle();
        boolean known = details != null;
        return new EntrySnapshot(
                e.id(),
                e.listCode(),
                known ? details.listName() : e.listCode(),
                e.isVehicleOnly() ? null : e.platePattern(),
                e.state() == null ? null : e.state().name(),
                known ? details.reason() : e.reasonCode(),
                v,
                known ? details.caseNumber() : null,
                known ? details.listType() : null,
                known ? details.enteringAgency() : null,
                e.isPartial(),
                e.isVehicleOnly(),
                known ? details.listAsOf() : null,
                listStale);
    }

    @Override
    public String toString() {
        return "EntrySnapshot[id=" + id + ", list=" + list + "]"; // never plate text in a log line
    }
}
