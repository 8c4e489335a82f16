package org.platewatch.server.retention;

/**
 * Where a legal hold stands. It protects what it names while it is {@link #PENDING_APPROVAL} or {@link #APPROVED}:
 * a purge cannot be undone, so a hold protects from the moment it is placed, before a supervisor has seen it.
 */
enum HoldStatus {
    PENDING_APPROVAL,
    APPROVED,
    REJECTED,
    RELEASED;

    boolean protects() {
        return this == PENDING_APPROVAL || this == APPROVED;
    }
}
