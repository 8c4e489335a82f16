package org.platewatch.server.console;

import java.util.Set;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The console's own menu entries; other features declare theirs the same way, in their own package. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsoleProperties.class)
class ConsolePages {

    static final Set<String> EVERYONE = Set.of("OFFICER", "INVESTIGATOR", "SUPERVISOR", "ADMINISTRATOR", "AUDITOR");
    static final Set<String> DEVICE_ROLES = Set.of("SUPERVISOR", "ADMINISTRATOR");

    @Bean
    ConsoleNavEntry homeNav() {
        return new ConsoleNavEntry("home", "Home", "/", 0, EVERYONE);
    }

    /** Issue 7 (console3): the audit log page, replacing the planned placeholder; the API checks READ_AUDIT. */
    @Bean
    ConsoleNavEntry auditNav() {
        return new ConsoleNavEntry("audit", "Audit log", "/audit", 70, Set.of("AUDITOR", "ADMINISTRATOR"));
    }

    @Bean
    ConsoleNavEntry camerasNav() {
        return new ConsoleNavEntry("cameras", "Cameras", "/cameras", 50, DEVICE_ROLES);
    }
}
