package org.platewatch.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.platewatch.server.policy.AuditCadence;
import org.platewatch.server.policy.AuditReportForm;
import org.platewatch.server.policy.ShippedProfiles;

/** When each shipped profile's next audit is due, how it shows, and the sample draw. */
class AuditDueTest {

    private static final LocalDate IMPLEMENTED = LocalDate.of(2025, 3, 10);
    private static final Period NOTICE = Period.ofDays(30);

    private static AuditCadence cadence(String profile) {
        return ShippedProfiles.byName(profile).orElseThrow().audit();
    }

    private static AuditDue due(String profile, LocalDate last, LocalDate today) {
        return AuditDue.of(cadence(profile), IMPLEMENTED, Optional.ofNullable(last), today, NOTICE, 10, null);
    }

    @Test
    void alamedaIsEverySixMonthsForTwoYearsAfterImplementationThenYearly() {
        assertThat(due("alameda", null, IMPLEMENTED).dueOn()).isEqualTo(LocalDate.of(2025, 9, 10));
        assertThat(due("alameda", LocalDate.of(2025, 9, 1), IMPLEMENTED).dueOn())
                .isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(due("alameda", LocalDate.of(2026, 12, 20), IMPLEMENTED).dueOn())
                .isEqualTo(LocalDate.of(2027, 6, 20));
        // from the second anniversary of implementation on: yearly
        assertThat(due("alameda", LocalDate.of(2027, 3, 10), IMPLEMENTED).dueOn())
                .isEqualTo(LocalDate.of(2028, 3, 10));
        assertThat(due("alameda", LocalDate.of(2027, 3, 10), IMPLEMENTED).interval())
                .isEqualTo(Period.ofYears(1));
    }

    @Test
    void sanLeandroIsQuarterlyAndVallejoOncePerCalendarYear() {
        assertThat(due("san-leandro", null, IMPLEMENTED).dueOn()).isEqualTo(LocalDate.of(2025, 6, 10));
        assertThat(due("san-leandro", LocalDate.of(2025, 6, 2), IMPLEMENTED).dueOn())
                .isEqualTo(LocalDate.of(2025, 9, 2));
        assertThat(due("vallejo", null, IMPLEMENTED).dueOn()).isEqualTo(LocalDate.of(2025, 12, 31));
        // an audit in January covers that calendar year: the next is due by the end of the next year
        assertThat(due("vallejo", LocalDate.of(2026, 1, 5), IMPLEMENTED).dueOn())
                .isEqualTo(LocalDate.of(2027, 12, 31));
    }

    @Test
    void anAuditShowsAsDueWithinTheNoticeAndOverdueAfterItsDay() {
        LocalDate dueOn = LocalDate.of(2025, 12, 31);
        assertThat(due("vallejo", null, dueOn.minusDays(31)).status()).isEqualTo(AuditDue.Status.NOT_YET);
        assertThat(due("vallejo", null, dueOn.minusDays(30)).status()).isEqualTo(AuditDue.Status.DUE);
        assertThat(due("vallejo", null, dueOn).status()).isEqualTo(AuditDue.Status.DUE);
        assertThat(due("vallejo", null, dueOn.plusDays(1)).status()).isEqualTo(AuditDue.Status.OVERDUE);
    }

    @Test
    void theProfilesChooseTheReportFormAndTheRegionalCentre() {
        assertThat(cadence("vallejo").reportForm()).isEqualTo(AuditReportForm.MEMO);
        assertThat(cadence("vallejo").minimumSampleSize()).isEqualTo(10);
        assertThat(cadence("alameda").reportForm()).isEqualTo(AuditReportForm.STANDARD);
        assertThat(cadence("san-leandro").regionalCentre()).contains("NCRIC");
        assertThat(cadence("oakland").regionalCentre()).isEmpty();
    }

    @Test
    void theDrawIsASampleWithoutRepeatsThatTheSeedReproduces() {
        List<UUID> population = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            population.add(UUID.randomUUID());
        }
        List<UUID> drawn = AuditSample.draw(population, 10, 42);
        assertThat(drawn).hasSize(10).doesNotHaveDuplicates().isSubsetOf(population);
        assertThat(AuditSample.draw(population, 10, 42)).isEqualTo(drawn);
        assertThat(AuditSample.draw(population, 10, 43)).isNotEqualTo(drawn);
        assertThat(AuditSample.draw(population.subList(0, 4), 10, 42))
                .containsExactlyInAnyOrderElementsOf(population.subList(0, 4));
    }
}
