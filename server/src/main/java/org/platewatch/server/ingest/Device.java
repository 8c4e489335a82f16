package org.platewatch.server.ingest;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.UUID;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.platform.AgencyId;

/**
 * A registered camera or patrol car. Latitude, longitude and heading are null for mobile units. Its reads are its
 * agency's (in hub mode; otherwise always the home agency).
 */
public record Device(
        UUID id,
        String name,
        DeviceKind kind,
        Double latitude,
        Double longitude,
        Double heading,
        Instant registeredAt,
        Instant lastUploadAt,
        boolean active,
        @JsonIgnore AgencyId agency)
        implements Actor.Source, AgencyId.Owner {

    @Override
    public Actor actor() {
        return new Actor("device:" + name, (kind == DeviceKind.FIXED ? "Fixed camera " : "Mobile unit ") + name);
    }

    public boolean hasLocation() {
        return latitude != null && longitude != null;
    }
}
