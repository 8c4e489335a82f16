package org.platewatch.server.users;

import org.platewatch.server.platform.Actor;
import org.platewatch.server.platform.PlatewatchProperties;
import org.platewatch.server.platform.ProblemException;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The very first start asks nothing: it creates one ALPR administrator and prints a one-time
 * password on the console (never in the log file). The administrator then creates everyone else.
 */
@Component
@ConditionalOnWebApplication
@Order(0)
class FirstAdministrator implements ApplicationRunner {

    private final UserAccounts accounts;
    private final PlatewatchProperties properties;

    FirstAdministrator(UserAccounts accounts, PlatewatchProperties properties) {
        this.accounts = accounts;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (properties.demo() || accounts.count() > 0) {
            return;
        }
        UserAccounts.NewAccount created;
        try {
            created = accounts.createWithCredentials(
                    new UserAccounts.NewUser("admin", "ALPR Administrator", Role.ADMINISTRATOR, false, null),
                    Actor.SYSTEM);
        } catch (ProblemException taken) {
            // Two servers of a cluster started on a new database at once: the other created it and printed its
            // password.
            if (accounts.count() > 0) {
                return;
            }
            throw taken;
        }
        System.out.println();
        System.out.println("Platewatch created the first ALPR administrator account.");
        System.out.println("  username: admin");
        System.out.println("  one-time password: " + created.oneTimePassword() + "   (change it at first sign-in)");
        System.out.println("  second factor: enrolled at first sign-in (the console shows it to you alone)");
        System.out.println();
    }
}
