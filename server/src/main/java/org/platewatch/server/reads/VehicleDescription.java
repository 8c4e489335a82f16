package org.platewatch.server.reads;

/** What the camera said about the vehicle; any part may be null when it was not read. */
public record VehicleDescription(String make, String model, String color, String type) {

    public static final VehicleDescription NONE = new VehicleDescription(null, null, null, null);
}
