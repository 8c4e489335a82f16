package org.platewatch.server.sharing;

import java.time.Instant;

/**
 * An agency that may ask for data, as registered. Its kind, state and federal mark are never edited: a federal
 * agency relabelled as a local one would be the way round the law, so a correction is a new registration.
 *
 * @param state   the two-letter state the agency belongs to ({@code CA} for a California agency)
 * @param federal a United States federal agency (FBI, DHS, ICE, CBP, ...), wherever its office is
 */
record Agency(
        long id,
        String name,
        AgencyKind kind,
        String state,
        boolean federal,
        String contact,
        String registeredBy,
        Instant registeredAt) {

    static final String CALIFORNIA = "CA";

    boolean californian() {
        return CALIFORNIA.equals(state);
    }
}
