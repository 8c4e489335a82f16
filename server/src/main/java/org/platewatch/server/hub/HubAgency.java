package org.platewatch.server.hub;

import java.time.Instant;
import org.platewatch.server.platform.AgencyId;

/**
 * An agency of the hub: the owner of its reads, alerts, searches, members and devices.
 *
 * @param profile            the shipped profile whose retention the agency's reads are purged by; null when it
 *                           follows the profile in force (the home agency, and one registered without a profile)
 * @param detectionRetention that retention, in words
 */
record HubAgency(int id, String code, String name, Instant registeredAt, String profile, String detectionRetention) {

    AgencyId agency() {
        return new AgencyId(id);
    }
}
