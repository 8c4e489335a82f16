package org.platewatch.server.hotlist;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One stored hot-list entry with everything the alert and the console show. {@code plate} may be a
 * partial pattern ({@code ?} one character, {@code *} any run) for a custom entry, or null for a
 * vehicle-only custom entry (matched on make, model and color); {@code state} null means any state.
 */
public record HotlistEntryView(
        long id,
        long hotlistId,
        String list,
        String listName,
        String plate,
        String state,
        String listType,
        String reason,
        String make,
        String model,
        String color,
        String enteringAgency,
        String caseNumber,
        String countyCode,
        LocalDate dateOfLoss,
        Instant expiresAt,
        String status,
        String synopsis,
        String enteredBy,
        Instant enteredAt,
        String approvedBy,
        Instant approvedAt,
        String proposedChange,
        String proposedBy,
        Instant proposedAt,
        Instant listAsOf) {

    @Override
    public String toString() {
        return "HotlistEntryView[id=" + id + ", list=" + list + "]"; // never plate text in a log line
    }
}
