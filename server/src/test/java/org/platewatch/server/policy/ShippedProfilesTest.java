package org.platewatch.server.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each shipped profile's key figures against the department's policy text. */
class ShippedProfilesTest {

    private static DepartmentProfile profile(String name) {
        return ShippedProfiles.byName(name).orElseThrow();
    }

    @Test
    void shipsTheEightSeedDepartmentsByLowerCaseName() {
        assertThat(ShippedProfiles.names())
                .containsExactly(
                        "alameda",
                        "emeryville",
                        "hayward",
                        "oakland",
                        "piedmont",
                        "richmond",
                        "san-leandro",
                        "vallejo");
        assertThat(ShippedProfiles.all())
                .extracting(DepartmentProfile::key)
                .containsExactlyElementsOf(ShippedProfiles.names());
    }

    @Test
    void lookupIgnoresCaseAndSeparatorsAndRejectsUnknownNames() {
        assertThat(ShippedProfiles.byName("San Leandro"))
                .map(DepartmentProfile::key)
                .contains("san-leandro");
        assertThat(ShippedProfiles.byName(" OAKLAND "))
                .map(DepartmentProfile::key)
                .contains("oakland");
        assertThat(ShippedProfiles.byName("san_leandro")).isPresent();
        assertThat(ShippedProfiles.byName("berkeley")).isEmpty();
        assertThat(ShippedProfiles.byName(null)).isEmpty();
    }

    @Test
    void policyNumbersAndAdministrators() {
        assertThat(ShippedProfiles.all())
                .extracting(DepartmentProfile::policyNumber)
                .containsExactly("462", "429", "429", "430", "438", "462", "418", "426");
        assertThat(profile("oakland").administratorTitle()).isEqualTo("Bureau of Services Deputy Chief");
        assertThat(profile("vallejo").administratorTitle()).isEqualTo("Investigations Bureau Captain");
        assertThat(profile("hayward").administratorTitle()).isEqualTo("Support Services Division Commander");
    }

    @Test
    void detectionRetentionMatchesEachText() {
        assertThat(profile("alameda").detectionRetention()).isEqualTo(Retention.purgeAt(Period.ofMonths(6)));
        assertThat(profile("oakland").detectionRetention()).isEqualTo(Retention.purgeAt(Period.ofMonths(6)));
        assertThat(profile("richmond").detectionRetention()).isEqualTo(Retention.purgeAt(Period.ofDays(90)));
        assertThat(profile("emeryville").detectionRetention()).isEqualTo(Retention.atLeast(Period.ofYears(1)));
        assertThat(profile("hayward").detectionRetention()).isEqualTo(Retention.atLeast(Period.ofYears(1)));
        assertThat(profile("piedmont").detectionRetention()).isEqualTo(Retention.atLeast(Period.ofYears(1)));
        assertThat(profile("san-leandro").detectionRetention()).isEqualTo(Retention.purgeAt(Period.ofDays(365)));
        assertThat(profile("vallejo").detectionRetention()).isEqualTo(Retention.atMost(Period.ofYears(1)));
    }

    @Test
    void sanLeandroPurgesOnThe366thDayCountingTheCaptureDayAsDayOne() {
        Retention retention = profile("san-leandro").detectionRetention();
        // Captured on 1 March 2023 (day 1); day 366 is 29 February 2024 in the leap year that follows.
        assertThat(retention.purgeDate(LocalDate.of(2023, 3, 1))).contains(LocalDate.of(2024, 2, 29));
        assertThat(retention.purgeDate(LocalDate.of(2025, 1, 1))).contains(LocalDate.of(2026, 1, 1));
    }

    @Test
    void haywardKeepsHitsIndefinitelyAndOthersWithTheirDetections() {
        assertThat(profile("hayward").hitRetention().bound()).isEqualTo(RetentionBound.INDEFINITE);
        assertThat(profile("hayward").hitRetention().purgeAfter()).isEmpty();
        ShippedProfiles.all().stream()
                .filter(p -> !p.key().equals("hayward"))
                .forEach(p -> assertThat(p.hitRetention()).as(p.key()).isEqualTo(p.detectionRetention()));
    }

    @Test
    void trainingIsValidForOneYearEverywhere() {
        ShippedProfiles.all()
                .forEach(p -> assertThat(p.training().validity()).as(p.key()).isEqualTo(Period.ofYears(1)));
    }

    @Test
    void piedmontBarsAMemberWhoseTrainingIsMoreThanAYearOld() {
        var training = profile("piedmont").training();
        LocalDate trained = LocalDate.of(2025, 5, 10);
        assertThat(training.isValidOn(trained, LocalDate.of(2026, 5, 10))).isTrue();
        assertThat(training.isValidOn(trained, LocalDate.of(2026, 5, 11))).isFalse();
    }

    @Test
    void alamedaAuditsEverySixMonthsForTwoYearsThenAnnually() {
        var audit = profile("alameda").audit();
        LocalDate live = LocalDate.of(2026, 1, 1);
        assertThat(audit.auditorTitle()).isEqualTo("Inspectional Services Section supervisor");
        assertThat(audit.reportExplainsLongRetention()).isTrue();
        assertThat(audit.nextAuditDue(live, Optional.empty())).isEqualTo(LocalDate.of(2026, 7, 1));
        assertThat(audit.nextAuditDue(live, Optional.of(LocalDate.of(2027, 6, 15))))
                .isEqualTo(LocalDate.of(2027, 12, 15));
        assertThat(audit.nextAuditDue(live, Optional.of(LocalDate.of(2028, 1, 1))))
                .isEqualTo(LocalDate.of(2029, 1, 1));
    }

    @Test
    void vallejoAuditsOncePerCalendarYearSamplingTenSearchesFromSixMonths() {
        var audit = profile("vallejo").audit();
        assertThat(audit.basis()).isEqualTo(AuditBasis.CALENDAR_YEAR);
        assertThat(audit.minimumSampleSize()).isEqualTo(10);
        assertThat(audit.sampleLookBack()).isEqualTo(Period.ofMonths(6));
        assertThat(audit.auditorTitle()).isEqualTo("Professional Standards Division Lieutenant");
        LocalDate live = LocalDate.of(2026, 3, 1);
        assertThat(audit.nextAuditDue(live, Optional.empty())).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(audit.nextAuditDue(live, Optional.of(LocalDate.of(2026, 2, 1))))
                .isEqualTo(LocalDate.of(2027, 12, 31));
    }

    @Test
    void sanLeandroAuditsQuarterlyAndRegularBasisTextsGetTheAnnualDefault() {
        assertThat(profile("san-leandro").audit().interval()).isEqualTo(Period.ofMonths(3));
        for (String name : new String[] {"emeryville", "hayward", "oakland", "piedmont", "richmond"}) {
            assertThat(profile(name).audit().interval()).as(name).isEqualTo(Period.ofYears(1));
        }
    }

    @Test
    void uploadIntervalAndHotlistAge() {
        assertThat(profile("hayward").maxUploadInterval()).isEqualTo(Duration.ofDays(30));
        assertThat(profile("san-leandro").maxUploadInterval()).isZero();
        ShippedProfiles.all()
                .forEach(p -> assertThat(p.hotlists().maxAge()).as(p.key()).isEqualTo(Duration.ofHours(24)));
        assertThat(profile("alameda").hotlists().allows(HotlistSource.CA_DMV)).isTrue();
        assertThat(profile("san-leandro").hotlists().allows(HotlistSource.REGIONAL_INTELLIGENCE_CENTER))
                .isTrue();
        assertThat(profile("oakland").hotlists().allows(HotlistSource.REGIONAL_INTELLIGENCE_CENTER))
                .isFalse();
    }

    @Test
    void vallejoSearchAndAlertRules() {
        DepartmentProfile vallejo = profile("vallejo");
        assertThat(vallejo.search().reasonRequired()).isTrue();
        assertThat(vallejo.search().caseNumberRequired()).isTrue();
        assertThat(vallejo.alertVerification()).isEqualTo(AlertVerification.REQUIRED_ABSENT_EXIGENCY);
        assertThat(vallejo.stopOutcomeRequired()).isTrue();
        assertThat(vallejo.hotlists().customEntries().caseNumberRequired()).isTrue();
        assertThat(profile("alameda").alertVerification()).isEqualTo(AlertVerification.REQUIRED);
        assertThat(profile("richmond").alertVerification()).isEqualTo(AlertVerification.REQUIRED_ABSENT_EXIGENCY);
        assertThat(profile("oakland").alertVerification()).isEqualTo(AlertVerification.IF_PRACTICABLE);
    }

    @Test
    void sharingRules() {
        ShippedProfiles.all().forEach(p -> {
            assertThat(p.sharing().immigrationEnforcementForbidden())
                    .as(p.key())
                    .isTrue();
            assertThat(p.sharing().saleForbidden()).as(p.key()).isTrue();
            assertThat(p.sharing().californiaPublicAgenciesOnly()).as(p.key()).isTrue();
            assertThat(p.sharing().writtenRequestRequired()).as(p.key()).isTrue();
            assertThat(p.sharing().requestRetainedOnFile()).as(p.key()).isTrue();
            assertThat(p.sharing().allows(Recipient.LAW_ENFORCEMENT))
                    .as(p.key())
                    .isTrue();
        });
        assertThat(ShippedProfiles.all())
                .filteredOn(p -> p.sharing().allows(Recipient.PUBLIC_SAFETY))
                .extracting(DepartmentProfile::key)
                .containsExactly("hayward");
        assertThat(profile("oakland").sharing().approverTitle())
                .isEqualTo("Bureau of Services Deputy Chief or authorized designee");
        assertThat(profile("vallejo").sharing().approverTitle()).isEqualTo("Chief of Police or authorized designee");
    }

    @Test
    void everyShippedProfileIsCalifornianRequiresASecondFactorAndKeepsAuditLogsAYearOrMore() {
        ShippedProfiles.all().forEach(p -> {
            assertThat(p.zone()).as(p.key()).isEqualTo(ZoneId.of("America/Los_Angeles"));
            assertThat(p.secondFactorRequired()).as(p.key()).isTrue();
            assertThat(Periods.atLeast(p.auditLogRetention(), Period.ofYears(1)))
                    .as(p.key())
                    .isTrue();
        });
    }
}
