package org.platewatch.server.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Which day's detections go on which date, for every shipped profile, worked hour by hour over four years. */
class PurgeCalendarTest {

    private static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");

    static Stream<DepartmentProfile> profiles() {
        return ShippedProfiles.all().stream();
    }

    @Test
    void sanLeandroPurgesOnThe366thDayAndItsPartitionGoesThen() {
        PurgeCalendar sl = PurgeCalendar.forDetections(
                        ShippedProfiles.byName("san-leandro").orElseThrow())
                .orElseThrow();
        // A read of 1 March 2025 (day 1) goes on 1 March 2026, its 366th day.
        assertThat(sl.purgeDate(LocalDate.of(2025, 3, 1))).isEqualTo(LocalDate.of(2026, 3, 1));
        // The UTC partition of 1 March 2025 runs from 16:00 on 28 February to 16:00 on 1 March Pacific time: it goes
        // with its last local day, on 1 March 2026; its first eight hours, due on 28 February, one day late.
        assertThat(sl.lastLocalDayOf(LocalDate.of(2025, 3, 1))).isEqualTo(LocalDate.of(2025, 3, 1));
        assertThat(sl.partitionDueOn(LocalDate.of(2025, 3, 1))).isEqualTo(LocalDate.of(2026, 3, 1));
        // On 1 March 2026 everything captured before 2 March 2025 00:00 Pacific is due, and the partitions up to and
        // including 1 March 2025 go.
        assertThat(sl.firstKeptDay(LocalDate.of(2026, 3, 1))).isEqualTo(LocalDate.of(2025, 3, 2));
        assertThat(sl.dueBefore(LocalDate.of(2026, 3, 1))).isEqualTo(Instant.parse("2025-03-02T08:00:00Z"));
        assertThat(sl.firstKeptPartition(LocalDate.of(2026, 3, 1))).isEqualTo(LocalDate.of(2025, 3, 2));
    }

    @Test
    void aMonthRetentionWaitsAtTheMonthsEndForTheNextPurgeDate() {
        PurgeCalendar oakland = PurgeCalendar.forDetections(
                        ShippedProfiles.byName("oakland").orElseThrow())
                .orElseThrow();
        assertThat(oakland.purgeDate(LocalDate.of(2025, 2, 28))).isEqualTo(LocalDate.of(2025, 8, 28));
        assertThat(oakland.purgeDate(LocalDate.of(2025, 3, 1))).isEqualTo(LocalDate.of(2025, 9, 1));
        // Nothing is due on 29 to 31 August; the evening of 28 February, in the partition of 1 March, waits for
        // 1 September, the next date anything is purged on.
        assertThat(oakland.partitionDueOn(LocalDate.of(2025, 3, 1))).isEqualTo(LocalDate.of(2025, 9, 1));
        assertThat(oakland.firstKeptDay(LocalDate.of(2025, 8, 30))).isEqualTo(LocalDate.of(2025, 3, 1));
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void aPartitionNeverGoesBeforeAnyOfItsReadsIsDueNorMoreThanOnePurgeDayAfter(DepartmentProfile profile) {
        PurgeCalendar calendar = PurgeCalendar.forDetections(profile).orElseThrow();
        assertThat(calendar.zone()).isEqualTo(PACIFIC);
        for (LocalDate day = LocalDate.of(2024, 1, 1); day.isBefore(LocalDate.of(2028, 1, 1)); day = day.plusDays(1)) {
            LocalDate dueOn = calendar.partitionDueOn(day);
            Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
            for (int hour = 0; hour < 24; hour++) {
                LocalDate local = LocalDate.ofInstant(start.plus(Duration.ofHours(hour)), PACIFIC);
                LocalDate due = calendar.purgeDate(local);
                assertThat(dueOn).as("%s at %02d:00 UTC", day, hour).isAfterOrEqualTo(due);
                // Late by at most one date on which anything is purged: no day is due strictly in between.
                for (LocalDate d = due.plusDays(1); d.isBefore(dueOn); d = d.plusDays(1)) {
                    assertThat(calendar.firstKeptDay(d))
                            .as("a purge date between %s and %s", due, dueOn)
                            .isEqualTo(calendar.firstKeptDay(due));
                }
                if (profile.detectionRetention().period().toTotalMonths() == 0) {
                    assertThat(dueOn).as("%s in days", profile.key()).isBeforeOrEqualTo(due.plusDays(1));
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void theFirstKeptPartitionIsTheFirstNotDue(DepartmentProfile profile) {
        PurgeCalendar calendar = PurgeCalendar.forDetections(profile).orElseThrow();
        for (LocalDate today = LocalDate.of(2025, 1, 1);
                today.isBefore(LocalDate.of(2027, 1, 1));
                today = today.plusDays(1)) {
            LocalDate first = calendar.firstKeptPartition(today);
            assertThat(calendar.partitionDueOn(first)).isAfter(today);
            assertThat(calendar.partitionDueOn(first.minusDays(1))).isBeforeOrEqualTo(today);
            LocalDate kept = calendar.firstKeptDay(today);
            assertThat(calendar.purgeDate(kept)).isAfter(today);
            assertThat(calendar.purgeDate(kept.minusDays(1))).isBeforeOrEqualTo(today);
        }
    }

    @Test
    void hitsFollowTheirOwnRetentionAndHaywardKeepsThem() {
        assertThat(PurgeCalendar.forHits(ShippedProfiles.byName("hayward").orElseThrow()))
                .isEmpty();
        PurgeCalendar sl = PurgeCalendar.forHits(
                        ShippedProfiles.byName("san-leandro").orElseThrow())
                .orElseThrow();
        assertThat(sl.dueBefore(LocalDate.of(2026, 3, 1))).isEqualTo(Instant.parse("2025-03-02T08:00:00Z"));
    }
}
