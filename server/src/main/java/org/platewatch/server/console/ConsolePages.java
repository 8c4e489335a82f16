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

    @Bean
    ConsoleNavEntry homeNav() {
        return new ConsoleNavEntry("home", "Home", "/", 0, EVERYONE);
    }
}
