package org.platewatch.server.hub;

import java.time.Instant;
import org.platewatch.server.platform.AgencyId;

/** An agency of the hub: the owner of its reads, alerts, searches, members and devices. */
record HubAgency(int id, String code, String name, Instant registeredAt) {

    AgencyId agency() {
        return new AgencyId(id);
    }
}
