package org.platewatch.server.support;

import java.util.UUID;
import java.util.function.Supplier;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.users.Role;
import org.platewatch.server.users.UserAccounts;

/**
 * A member of the department as a browser test signs in: username, password and, where the account has a
 * second factor, a source of the current 6-digit code.
 *
 * <p>Until the second factor exists, {@link #create} makes accounts without one and {@code code} is null, so
 * the sign-in form's code field stays empty. When TOTP lands, give {@code create} the enrolment step and return
 * {@code withCode(() -> Totp.codeFor(secret, clock))}: every browser test then fills the code by itself.
 */
public record Member(String username, String password, Role role, Supplier<String> code) {

    public static final String PASSWORD = "correct horse battery staple";

    /** A new, trained account with the given role and a unique username. */
    public static Member create(UserAccounts accounts, Role role) {
        String username = role.name().toLowerCase(java.util.Locale.ROOT) + "-"
                + UUID.randomUUID().toString().substring(0, 6);
        accounts.create(new UserAccounts.NewUser(username, "Test " + role.title(), role, role == Role.OFFICER,
                java.time.LocalDate.now()), PASSWORD, Actor.SYSTEM);
        return new Member(username, PASSWORD, role, null);
    }

    public Member withCode(Supplier<String> code) {
        return new Member(username, password, role, code);
    }

    /** The code to type now, or null when the account has no second factor. */
    public String currentCode() {
        return code == null ? null : code.get();
    }
}
