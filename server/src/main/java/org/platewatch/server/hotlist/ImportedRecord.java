package org.platewatch.server.hotlist;

import java.time.Instant;
import java.time.LocalDate;

/** One record of a list file after parsing; plate normalised, state a valid two-letter code or null. */
record ImportedRecord(
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
        Instant expiresAt) {

    @Override
    public String toString() {
        return "ImportedRecord[list type=" + listType + "]"; // never plate text in a log line
    }
}
