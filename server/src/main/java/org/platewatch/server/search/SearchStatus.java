package org.platewatch.server.search;

/** Where a search stands. A search within the profile's limits is {@code COMPLETED} as soon as it is made. */
enum SearchStatus {
    /** Broader than the profile's limits: waits for a supervisor. */
    PENDING_APPROVAL,
    /** A supervisor approved it; it runs when its requester opens it. */
    APPROVED,
    /** A supervisor refused it; it never runs. */
    REJECTED,
    /** It ran: its results are the detections received up to {@code ranAt}. */
    COMPLETED
}
