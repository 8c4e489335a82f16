package org.platewatch.server.policy;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Exposes the department profile in force as a bean; everything else reads its rules from there. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PolicyProperties.class)
class PolicyConfiguration {

    @Bean
    DepartmentProfile departmentProfile(PolicyProperties properties) {
        return activeProfile(properties);
    }

    @Bean
    Implementation implementation(PolicyProperties properties) {
        return new Implementation(properties.implementedOn());
    }

    static DepartmentProfile activeProfile(PolicyProperties properties) {
        DepartmentProfile profile =
                properties.profileFile() != null && !properties.profileFile().isBlank()
                        ? ProfileYaml.load(java.nio.file.Path.of(properties.profileFile()))
                        : ShippedProfiles.byName(properties.profile())
                                .orElseThrow(() -> new UnknownPolicyProfileException(
                                        properties.profile(), ShippedProfiles.allNames()));
        if (properties.detectionRetention() == null) {
            return profile;
        }
        try {
            return profile.withDetectionRetention(properties.detectionRetention());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    "platewatch.policy.detection-retention=" + properties.detectionRetention()
                            + " is not allowed by the " + profile.departmentName() + " policy " + profile.policyNumber()
                            + ": detection retention is "
                            + profile.detectionRetention().describe(),
                    e);
        }
    }
}
