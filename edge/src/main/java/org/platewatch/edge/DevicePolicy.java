package org.platewatch.edge;

import java.time.Duration;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * What the server says about this device ({@code GET /api/v1/device}).
 *
 * @param kind                 {@code FIXED} or {@code MOBILE}
 * @param latitude             the registered position of a fixed camera, else null
 * @param maxTransferInterval  the department's longest time a unit may hold reads (the profile's
 *                             maximum upload interval)
 * @param serverTime           the server's clock when it answered (its {@code Date} header), or null
 */
record DevicePolicy(
        String id,
        String name,
        String kind,
        Double latitude,
        Double longitude,
        Duration maxTransferInterval,
        Instant serverTime) {

    static DevicePolicy of(JsonNode j, Instant serverTime) {
        return new DevicePolicy(
                text(j, "id"),
                text(j, "name"),
                text(j, "kind"),
                number(j, "latitude"),
                number(j, "longitude"),
                j.hasNonNull("maxTransferInterval")
                        ? Duration.parse(j.get("maxTransferInterval").asString())
                        : null,
                serverTime);
    }

    boolean fixed() {
        return "FIXED".equals(kind);
    }

    private static String text(JsonNode j, String f) {
        return j.hasNonNull(f) ? j.get(f).asString() : null;
    }

    private static Double number(JsonNode j, String f) {
        return j.hasNonNull(f) ? j.get(f).asDouble() : null;
    }
}
