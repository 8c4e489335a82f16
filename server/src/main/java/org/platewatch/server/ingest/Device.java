package org.platewatch.server.ingest;

import java.time.Instant;
import java.util.UUID;
import org.platewatch.server.platform.Actor;

/** A registered camera or patrol car. Latitude, longitude and heading are null for mobile units. */
public record Device(
        UUID id,
        String name,
        DeviceKind kind,
        Double latitude,
        Double longitude,
        Double heading,
        Instant registeredAt,
        Instant lastUploadAt,
        boolean active)
        implements Actor.Source {

    @Override
    public Actor actor() {
        return new Actor("device:" + name, (kind == DeviceKind.FIXED ? "Fixed camera " : "Mobile unit ") + name);
    }

    public boolean hasLocation() {
        return latitude != null && longitude != null;
    }
}
