package org.platewatch.plate.hotlist;

import java.util.Objects;
import org.platewatch.plate.PlatePattern;
import org.platewatch.plate.PlateText;
import org.platewatch.plate.UsState;
import org.platewatch.plate.VehicleDescription;

/**
 * One plate a hot list asks officers to watch for, as the matcher sees it.
 *
 * <p>Only active, approved entries reach the matcher; expiry and approval belong to the
 * server's {@code hotlist} feature, which rebuilds the index when they change.
 *
 * @param id          the entry's id in the hot-list store; alerts refer to it
 * @param listCode    which list it came from, e.g. {@code svs}, {@code sfr}, {@code slr},
 *                    {@code ncic}, {@code custom}
 * @param platePattern normalised plate text; for partial entries {@code ?} is one unknown
 *                    character and {@code *} any run (normalised on construction); empty for a
 *                    vehicle-only entry, which then needs a vehicle description of at least
 *                    {@link #MIN_VEHICLE_ATTRIBUTES} attributes
 * @param state       the issuing state, or null when the source does not know it: the entry
 *                    then matches a read from any state
 * @param vehicle     what the source says the vehicle looks like; {@link VehicleDescription#UNKNOWN}
 *                    when nothing. Matched on only for a vehicle-only entry
 * @param reasonCode  why the plate is wanted, e.g. an NCIC code or a BOLO reason
 */
public record HotlistEntry(
        long id, String listCode, String platePattern, UsState state, VehicleDescription vehicle, String reasonCode) {

    /**
     * A partial pattern needs at least this many known characters: fewer would alert on a large
     * share of all traffic (a lone {@code *} on every read), which no supervisor means to approve.
     */
    public static final int MIN_PARTIAL_LITERALS = 3;

    /**
     * A vehicle-only entry (no plate) needs at least this many of make, model and colour: one alone
     * ("white") would alert on a large share of all traffic.
     */
    public static final int MIN_VEHICLE_ATTRIBUTES = 2;

    public HotlistEntry {
        Objects.requireNonNull(listCode, "listCode");
        Objects.requireNonNull(platePattern, "platePattern");
        Objects.requireNonNull(vehicle, "vehicle");
        Objects.requireNonNull(reasonCode, "reasonCode");
        if (listCode.isBlank()) {
            throw new IllegalArgumentException("entry " + id + ": list code is blank");
        }
        platePattern = PlatePattern.normalise(platePattern);
        if (platePattern.isEmpty()) {
            // A compact constructor cannot return early, hence the else-if chain.
            if (vehicle.attributeCount() < MIN_VEHICLE_ATTRIBUTES) {
                throw new IllegalArgumentException("entry " + id + ": an entry without a plate needs at least "
                        + MIN_VEHICLE_ATTRIBUTES + " of vehicle make, model and colour");
            }
        } else if (PlatePattern.hasWildcard(platePattern)) {
            int literals = PlatePattern.literalCount(platePattern);
            if (literals < MIN_PARTIAL_LITERALS || literals > PlateText.MAX_LENGTH) {
                throw new IllegalArgumentException("entry " + id + ": a partial pattern needs " + MIN_PARTIAL_LITERALS
                        + " to " + PlateText.MAX_LENGTH + " known characters");
            }
        } else if (platePattern.length() > PlateText.MAX_LENGTH) {
            throw new IllegalArgumentException(
                    "entry " + id + ": a plate has 1 to " + PlateText.MAX_LENGTH + " characters");
        }
    }

    /** An entry with no vehicle description. */
    public HotlistEntry(long id, String listCode, String platePattern, UsState state, String reasonCode) {
        this(id, listCode, platePattern, state, VehicleDescription.UNKNOWN, reasonCode);
    }

    /** True for a partial (custom BOLO) entry whose pattern holds {@code ?} or {@code *}. */
    public boolean isPartial() {
        return PlatePattern.hasWildcard(platePattern);
    }

    /** True for a custom entry with no plate, matched on its vehicle description alone. */
    public boolean isVehicleOnly() {
        return platePattern.isEmpty();
    }

    /** Leaves the plate text out, so an entry logged by mistake does not put a plate in a log line. */
    @Override
    public String toString() {
        return "HotlistEntry[id=" + id + ", list=" + listCode + "]";
    }
}
