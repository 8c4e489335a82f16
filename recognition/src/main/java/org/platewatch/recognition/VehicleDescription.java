package org.platewatch.recognition;

/**
 * What can be said about the vehicle around a plate.
 *
 * @param colour the dominant body colour name (white, black, grey, silver, red, blue, green,
 *               yellow, orange, brown, beige) or null when the body region is too mixed to say
 * @param make   always null: no model that recognises makes is reachable from this build
 * @param type   always null for the same reason (no vehicle-type classifier is available)
 */
public record VehicleDescription(String colour, double colourShare, String make, String type) {
}
