package org.platewatch.server.hotlist;

import java.time.Instant;

/**
 * A custom entry, or the fields of a change to one, as {@link CustomEntryValidator} accepted them: trimmed,
 * the plate as its match pattern, the state as its code, the expiry as an instant. A change leaves out (null)
 * what it does not give.
 */
record ValidEntry(
        String plate,
        String state,
        String reason,
        String make,
        String model,
        String color,
        String caseNumber,
        String synopsis,
        Instant expiresAt) {}
