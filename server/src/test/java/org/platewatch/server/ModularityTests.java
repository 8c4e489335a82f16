package org.platewatch.server;

import static com.tngtech.archunit.core.importer.ImportOption.Predefined.ONLY_INCLUDE_TESTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.platewatch.modularity.allowed.FixtureApplication;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.Violations;

/**
 * Each feature package is a module: no cycles between them, and no reaching into another
 * feature's internals (a feature's sub-packages, unless it names them as an interface). Fails the
 * build when the package graph gets a cycle or a feature uses what another keeps to itself.
 */
class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(PlatewatchApplication.class);

    @Test
    void featurePackagesFormAnAcyclicGraphAndUseOnlyEachOthersInterfaces() {
        modules.verify();
    }

    @Test
    void platformDependsOnNoFeature() {
        ApplicationModule platform = modules.getModuleByName("platform").orElseThrow();
        assertThat(platform.getBootstrapDependencies(modules).toList()).isEmpty();
        assertThat(modules.stream().map(ApplicationModule::getName))
                .contains("ingest", "reads", "users", "audit", "policy");
    }

    /** The check above is only worth something if it fails on a violation: fixtures show both sides. */
    @Test
    void theCheckRefusesAFeatureThatUsesAnotherFeaturesInternalClass() {
        // The fixtures are test classes, which the check skips unless told to read them.
        ApplicationModules.of(FixtureApplication.class, ONLY_INCLUDE_TESTS).verify();

        ApplicationModules violating =
                ApplicationModules.of(org.platewatch.modularity.violating.FixtureApplication.class, ONLY_INCLUDE_TESTS);
        assertThatThrownBy(violating::verify)
                .isInstanceOf(Violations.class)
                .hasMessageContaining("console")
                .hasMessageContaining("camera.internal.Lens");
    }
}
