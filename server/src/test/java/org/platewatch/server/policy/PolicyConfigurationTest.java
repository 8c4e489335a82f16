package org.platewatch.server.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Period;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The active profile as a bean, chosen by {@code platewatch.policy.profile}. */
class PolicyConfigurationTest {

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withUserConfiguration(PolicyConfiguration.class);

    @Test
    void defaultsToOakland() {
        runner.run(context -> assertThat(context.getBean(DepartmentProfile.class))
                .isEqualTo(ShippedProfiles.byName("oakland").orElseThrow()));
    }

    @Test
    void selectsTheNamedProfile() {
        runner.withPropertyValues("platewatch.policy.profile=San Leandro")
                .run(context -> assertThat(
                                context.getBean(DepartmentProfile.class).key())
                        .isEqualTo("san-leandro"));
    }

    @Test
    void anUnknownProfileFailsStartUpListingTheValidNames() {
        runner.withPropertyValues("platewatch.policy.profile=berkeley").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .rootCause()
                    .isInstanceOf(UnknownPolicyProfileException.class)
                    .hasMessageContaining("'berkeley'")
                    .hasMessageContaining(
                            "alameda, emeryville, hayward, oakland, piedmont, richmond, san-leandro, vallejo");
        });
    }

    @Test
    void aDetectionRetentionWithinTheBoundIsApplied() {
        runner.withPropertyValues("platewatch.policy.profile=vallejo", "platewatch.policy.detection-retention=30d")
                .run(context -> assertThat(context.getBean(DepartmentProfile.class)
                                .detectionRetention()
                                .period())
                        .isEqualTo(Period.ofDays(30)));
    }

    @Test
    void aDetectionRetentionOutsideTheBoundFailsStartUp() {
        runner.withPropertyValues("platewatch.policy.profile=richmond", "platewatch.policy.detection-retention=P1Y")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).hasStackTraceContaining("not allowed by the Richmond");
                });
    }
}
