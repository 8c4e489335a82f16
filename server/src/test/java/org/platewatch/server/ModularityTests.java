package org.platewatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

/**
 * Each feature package is a module: no cycles between them, and no reaching into another
 * feature's internals. Fails the build when the package graph gets a cycle.
 */
class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(PlatewatchApplication.class);

    @Test
    void featurePackagesFormAnAcyclicGraph() {
        modules.verify();
    }

    @Test
    void platformDependsOnNoFeature() {
        ApplicationModule platform = modules.getModuleByName("platform").orElseThrow();
        assertThat(platform.getBootstrapDependencies(modules).toList()).isEmpty();
        assertThat(modules.stream().map(ApplicationModule::getName))
                .contains("ingest", "reads", "users", "audit", "policy");
    }
}
