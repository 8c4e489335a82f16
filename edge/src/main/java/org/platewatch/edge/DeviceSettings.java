package org.platewatch.edge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the agent learnt of its device from the server ({@code GET /api/v1/device}), kept in
 * {@code DATA_DIR/device.json} so that a unit started in a dead zone still knows its limits. Only the
 * kind and the transfer limit are kept: no position.
 */
final class DeviceSettings {

    private static final Logger log = Logger.getLogger(DeviceSettings.class.getName());

    private final Path file;
    private final Duration given;
    private final AtomicReference<Known> known = new AtomicReference<>(new Known(null, null, false));

    /**
     * @param hasRegisteredPosition a fixed camera the server knows the position of
     */
    record Known(String kind, Duration maxTransferInterval, boolean hasRegisteredPosition) {}

    DeviceSettings(Path dataDir, Duration givenMaxTransferInterval) {
        this.file = dataDir.resolve("device.json");
        this.given = givenMaxTransferInterval;
        try {
            if (Files.exists(file)) {
                JsonNode j = ServerClient.JSON.readTree(Files.readString(file));
                known.set(new Known(
                        j.path("kind").asString(null),
                        j.hasNonNull("maxTransferInterval")
                                ? Duration.parse(j.get("maxTransferInterval").asString())
                                : null,
                        j.path("hasRegisteredPosition").asBoolean(false)));
            }
        } catch (IOException | RuntimeException e) {
            log.warning("device.json ignored: " + e.getMessage());
        }
    }

    void learnt(DevicePolicy p) {
        Known k = new Known(p.kind(), p.maxTransferInterval(), p.fixed() && p.latitude() != null);
        known.set(k);
        ObjectNode o = ServerClient.JSON.createObjectNode();
        o.put("kind", k.kind());
        o.put(
                "maxTransferInterval",
                k.maxTransferInterval() == null ? null : k.maxTransferInterval().toString());
        o.put("hasRegisteredPosition", k.hasRegisteredPosition());
        try {
            Files.writeString(file, ServerClient.JSON.writeValueAsString(o));
        } catch (IOException e) {
            log.warning("device.json not saved: " + e.getMessage());
        }
    }

    Known known() {
        return known.get();
    }

    /** The flag's value, else the server's. */
    Duration maxTransferInterval() {
        return given != null ? given : known.get().maxTransferInterval();
    }
}
