package org.platewatch.plate.hotlist;

import java.util.Locale;

/**
 * What a hot-list source says the wanted vehicle looks like, or what a camera saw. Any part may be
 * null: sources often know the colour but not the model. For a plate entry it is shown to the
 * officer beside an alert so the stop can be verified by eye; only a vehicle-only custom entry
 * ({@link HotlistEntry#isVehicleOnly()}) is matched on it.
 */
public record VehicleDescription(String make, String model, String colour) {

    /** The source gave no description. */
    public static final VehicleDescription UNKNOWN = new VehicleDescription(null, null, null);

    /** How many of make, model and colour are given (not null, not blank). */
    public int attributeCount() {
        return (given(make) ? 1 : 0) + (given(model) ? 1 : 0) + (given(colour) ? 1 : 0);
    }

    /**
     * True when every attribute this description gives is present on {@code seen} and equal to it,
     * ignoring case and surrounding blanks. A description that gives nothing agrees with nothing.
     */
    public boolean isMetBy(VehicleDescription seen) {
        return seen != null && attributeCount() > 0 && agrees(make, seen.make) && agrees(model, seen.model)
                && agrees(colour, seen.colour);
    }

    private static boolean agrees(String wanted, String seen) {
        return !given(wanted) || (given(seen) && normal(wanted).equals(normal(seen)));
    }

    static boolean given(String s) {
        return s != null && !s.isBlank();
    }

    /** Trimmed and upper-cased (root locale), the form attributes are compared in. */
    static String normal(String s) {
        return s.strip().toUpperCase(Locale.ROOT);
    }
}
