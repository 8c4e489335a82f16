package org.platewatch.plate.hotlist;

/**
 * What a hot-list source says the wanted vehicle looks like. Any part may be null: sources often
 * know the colour but not the model. Shown to the officer beside an alert so the stop can be
 * verified by eye; never used for matching.
 */
public record VehicleDescription(String make, String model, String colour) {

    /** The source gave no description. */
    public static final VehicleDescription UNKNOWN = new VehicleDescription(null, null, null);
}
