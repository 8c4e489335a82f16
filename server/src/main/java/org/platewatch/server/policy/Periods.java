package org.platewatch.server.policy;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;

/**
 * Compares calendar periods. {@link Period} has no ordering because "P1M" and "P30D" differ by month, so a period
 * counts as at least another only if it is at least as long from every reference date, leap days included.
 */
final class Periods {

    private static final List<LocalDate> REFERENCE_DATES = List.of(
            LocalDate.of(2023, 1, 1),
            LocalDate.of(2023, 2, 28),
            LocalDate.of(2023, 3, 1),
            LocalDate.of(2024, 1, 1),
            LocalDate.of(2024, 1, 31),
            LocalDate.of(2024, 2, 29),
            LocalDate.of(2024, 3, 1),
            LocalDate.of(2024, 7, 31),
            LocalDate.of(2025, 8, 31));

    private Periods() {}

    static boolean atLeast(Period period, Period minimum) {
        return REFERENCE_DATES.stream().noneMatch(d -> d.plus(period).isBefore(d.plus(minimum)));
    }

    static boolean atMost(Period period, Period maximum) {
        return REFERENCE_DATES.stream().noneMatch(d -> d.plus(period).isAfter(d.plus(maximum)));
    }

    static boolean isPositive(Period period) {
        return !period.isNegative()
                && !period.isZero()
                && REFERENCE_DATES.stream().allMatch(d -> d.plus(period).isAfter(d));
    }
}
