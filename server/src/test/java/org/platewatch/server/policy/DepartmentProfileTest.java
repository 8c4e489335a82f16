package org.platewatch.server.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Period;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rules a profile cannot be built to break. */
class DepartmentProfileTest {

    @Test
    void aMinimumMayBeLengthenedButNotShortened() {
        Retention minimum = Retention.atLeast(Period.ofYears(1));
        assertThat(minimum.narrowedTo(Period.ofMonths(18)).period()).isEqualTo(Period.ofMonths(18));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> minimum.narrowedTo(Period.ofDays(364)))
                .withMessageContaining("at least P1Y");
    }

    @Test
    void aMaximumMayBeShortenedButNotLengthened() {
        Retention maximum = Retention.atMost(Period.ofYears(1));
        assertThat(maximum.narrowedTo(Period.ofDays(30)).period()).isEqualTo(Period.ofDays(30));
        assertThatIllegalArgumentException().isThrownBy(() -> maximum.narrowedTo(Period.ofDays(366)));
    }

    @Test
    void aFixedPurgeAgeCannotBeChanged() {
        Retention fixed = Retention.purgeAt(Period.ofDays(90));
        assertThat(fixed.narrowedTo(Period.ofDays(90))).isEqualTo(fixed);
        assertThatIllegalArgumentException().isThrownBy(() -> fixed.narrowedTo(Period.ofDays(91)));
        assertThatIllegalArgumentException().isThrownBy(() -> fixed.narrowedTo(Period.ofDays(89)));
    }

    @Test
    void aRetentionNeedsAPositivePeriodUnlessIndefinite() {
        assertThatIllegalArgumentException().isThrownBy(() -> Retention.purgeAt(Period.ZERO));
        assertThatIllegalArgumentException().isThrownBy(() -> Retention.atLeast(Period.ofDays(-1)));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Retention(RetentionBound.INDEFINITE, Period.ofDays(1)));
    }

    @Test
    void withDetectionRetentionKeepsEverythingElse() {
        DepartmentProfile vallejo = ShippedProfiles.byName("vallejo").orElseThrow();
        DepartmentProfile shorter = vallejo.withDetectionRetention(Period.ofDays(30));
        assertThat(shorter.detectionRetention()).isEqualTo(Retention.atMost(Period.ofDays(30)));
        assertThat(shorter.hitRetention()).isEqualTo(vallejo.hitRetention());
        assertThat(shorter.audit()).isEqualTo(vallejo.audit());
    }

    @Test
    void auditLogsAreKeptAtLeastAYear() {
        DepartmentProfile oakland = ShippedProfiles.byName("oakland").orElseThrow();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DepartmentProfile(
                        oakland.key(),
                        oakland.departmentName(),
                        oakland.policyNumber(),
                        oakland.zone(),
                        oakland.administratorTitle(),
                        oakland.detectionRetention(),
                        oakland.hitRetention(),
                        Period.ofMonths(11),
                        oakland.audit(),
                        oakland.training(),
                        oakland.maxUploadInterval(),
                        oakland.hotlists(),
                        oakland.search(),
                        oakland.alertVerification(),
                        oakland.stopOutcomeRequired(),
                        oakland.sharing(),
                        oakland.secondFactorRequired()))
                .withMessageContaining("CJIS");
    }

    @Test
    void auditorsAndDevicesCanNeverBeAllowedToSearch() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SearchRules(true, true, Set.of("AUDITOR"), Duration.ofDays(30), 5000, 3))
                .withMessageContaining("AUDITOR");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SearchRules(true, true, Set.of("DEVICE"), Duration.ofDays(30), 5000, 3))
                .withMessageContaining("DEVICE");
    }

    @Test
    void stateLawRulesCannotBeRelaxed() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SearchRules(false, false, Set.of("INVESTIGATOR"), Duration.ofDays(30), 5000, 3))
                .withMessageContaining("1798.90.52");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SharingRules(
                        EnumSet.of(Recipient.LAW_ENFORCEMENT), true, true, true, "Chief", true, false, true, "Records"))
                .withMessageContaining("7284.6");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SharingRules(
                        EnumSet.of(Recipient.LAW_ENFORCEMENT), true, true, true, "Chief", true, true, false, "Records"))
                .withMessageContaining("1798.90.55");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SharingRules(
                        EnumSet.of(Recipient.LAW_ENFORCEMENT), true, true, false, "Chief", true, true, true, "Records"))
                .withMessageContaining("approvalRequired");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SharingRules(
                        EnumSet.of(Recipient.LAW_ENFORCEMENT), true, true, true, "Chief", false, true, true, "Records"))
                .withMessageContaining("requestRetainedOnFile");
    }

    @Test
    void periodsCompareAcrossLeapYears() {
        assertThat(Periods.atLeast(Period.ofDays(365), Period.ofYears(1))).isFalse();
        assertThat(Periods.atLeast(Period.ofDays(366), Period.ofYears(1))).isTrue();
        assertThat(Periods.atMost(Period.ofDays(365), Period.ofYears(1))).isTrue();
        assertThat(Periods.atLeast(Period.ofMonths(12), Period.ofYears(1))).isTrue();
    }
}
