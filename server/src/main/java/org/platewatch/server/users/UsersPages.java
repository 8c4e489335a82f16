package org.platewatch.server.users;

import java.util.Set;
import org.platewatch.server.console.ConsoleNavEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The users feature's console pages in the menu: the administrator's users and training page. */
@Configuration(proxyBeanMethods = false)
class UsersPages {

    /** Replaces the console's planned "users" placeholder. Every member reaches "My account" from the header. */
    @Bean
    ConsoleNavEntry usersNav() {
        return new ConsoleNavEntry("users", "Users", "/users", 60, Set.of(Role.ADMINISTRATOR.name()));
    }
}
