package org.platewatch.server.platform;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Password hashing, needed by the server and by the command-line subcommands alike. */
@Configuration(proxyBeanMethods = false)
class PasswordConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        // bcrypt by default, with the {id} prefix so the algorithm can be raised later without a migration.
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
