package org.platewatch.server.support;

import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Dates for test fixtures. A training record cannot be dated in the future of the department's
 * zone (Pacific), which is up to a day behind UTC: "yesterday in UTC" is never in its future,
 * whatever the hour the tests run.
 */
public final class TestDates {

    private TestDates() {}

    /** A training completion date that is current and never in the department's future. */
    public static LocalDate trainedRecently() {
        return LocalDate.now(ZoneOffset.UTC).minusDays(1);
    }
}
