package org.platewatch.plate;

import java.util.Locale;

/**
 * What is known of a vehicle: what a camera or recognition saw beside a plate, or what a hot-list
 * source says the wanted vehicle looks like. The one description every module uses (reads, hot
 * lists, alerts, recognition). Any part may be null: a camera often reads no make, a source often
 * knows the colour but not the model, and recognition estimates only the colour.
 *
 * <p>Beside an alert it is shown to the officer so the stop can be verified by eye; only a
 * vehicle-only hot-list entry is matched on it ({@link #isMetBy}).
 *
 * @param make  the maker, as the source or camera words it ({@code Toyota}, {@code dodge})
 * @param model the model ({@code Camry}, {@code dodge_charger})
 * @param color the body colour ({@code silver}, {@code white})
 * @param type  the body type ({@code sedan}, {@code pickup})
 */
public record VehicleDescription(String make, String model, String color, String type) {

    /** Nothing is known of the vehicle. */
    public static final VehicleDescription UNKNOWN = new VehicleDescription(null, null, null, null);

    /** A description of make, model and colour only, as hot-list sources give it. */
    public static VehicleDescription of(String make, String model, String color) {
        return new VehicleDescription(make, model, color, null);
    }

    /** How many of make, model, colour and type are given (not null, not blank). */
    public int attributeCount() {
        return (given(make) ? 1 : 0) + (given(model) ? 1 : 0) + (given(color) ? 1 : 0) + (given(type) ? 1 : 0);
    }

    /**
     * True when every attribute this description gives is present on {@code seen} and equal to it,
     * ignoring case and surrounding blanks. A description that gives nothing agrees with nothing.
     */
    public boolean isMetBy(VehicleDescription seen) {
        return seen != null
                && attributeCount() > 0
                && agrees(make, seen.make)
                && agrees(model, seen.model)
                && agrees(color, seen.color)
                && agrees(type, seen.type);
    }

    private static boolean agrees(String wanted, String seen) {
        return !given(wanted) || (given(seen) && normal(wanted).equals(normal(seen)));
    }

    /** True when the attribute is given: not null and not blank. */
    public static boolean given(String s) {
        return s != null && !s.isBlank();
    }

    /** Trimmed and upper-cased (root locale), the form attributes are compared in. */
    public static String normal(String s) {
        return s.strip().toUpperCase(Locale.ROOT);
    }
}
