package org.platewatch.server.support;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.users.Role;
import org.platewatch.server.users.UserAccounts;

/**
 * A member of the department as a browser test signs in: username, password and a source of the
 * current 6-digit TOTP code, computed from the secret the account was enrolled with.
 */
public record Member(String username, String password, Role role, Supplier<String> code) {

    private static final Pattern SECRET = Pattern.compile("[?&]secret=([A-Z2-7]+)");

    /**
     * A new, trained account with the given role, a unique username and a second factor, that has already
     * replaced its one-time password (as its holder would at first sign-in), so the console opens at home.
     * Trained on {@link #trainedOn()}.
     */
    public static Member create(UserAccounts accounts, Role role) {
        return create(accounts, role, trainedOn());
    }

    /** As {@link #create}, trained on the given day (null: no training on record). */
    public static Member create(UserAccounts accounts, Role role, LocalDate trainedOn) {
        Member fresh = createWithOneTimePassword(accounts, role, trainedOn);
        String password = "pw-" + UUID.randomUUID();
        accounts.changePassword(fresh.username(), fresh.password(), password,
                new Actor(fresh.username(), "Test " + role.title()));
        return new Member(fresh.username(), password, role, fresh.code());
    }

    /** As {@link #create}, still holding the one-time password: the console sends it to change the password first. */
    public static Member createWithOneTimePassword(UserAccounts accounts, Role role) {
        return createWithOneTimePassword(accounts, role, trainedOn());
    }

    private static Member createWithOneTimePassword(UserAccounts accounts, Role role, LocalDate trainedOn) {
        String username = role.name().toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID().toString().substring(0, 6);
        UserAccounts.NewAccount created = accounts.createWithCredentials(new UserAccounts.NewUser(username,
                "Test " + role.title(), role, role == Role.OFFICER, trainedOn), Actor.SYSTEM);
        Matcher secret = SECRET.matcher(created.otpauthUri());
        if (!secret.find()) {
            throw new IllegalStateException("the enrolment URI carries no secret");
        }
        return new Member(username, created.oneTimePassword(), role, new TotpCodes(secret.group(1)));
    }

    /** A training date that is current and never in the department's future (what {@link #create} records). */
    public static LocalDate trainedOn() {
        return TestDates.trainedRecently();
    }

    public Member withCode(Supplier<String> code) {
        return new Member(username, password, role, code);
    }

    /** The code to type now, or null when the account has no second factor. */
    public String currentCode() {
        return code == null ? null : code.get();
    }

    /**
     * Codes from the authenticator a person would hold. The server accepts each 30-second step once
     * per account (a replayed code is refused), so a second sign-in in the same step waits for the next.
     */
    private static final class TotpCodes implements Supplier<String> {
        private final String secret;
        private final AtomicLong lastStep = new AtomicLong(-1);
        private final DefaultCodeGenerator generator = new DefaultCodeGenerator();

        TotpCodes(String secret) {
            this.secret = secret;
        }

        @Override
        public String get() {
            long step = System.currentTimeMillis() / 30_000;
            while (step <= lastStep.get()) {
                sleep(1000);
                step = System.currentTimeMillis() / 30_000;
            }
            lastStep.set(step);
            try {
                return generator.generate(secret, step);
            } catch (CodeGenerationException e) {
                throw new IllegalStateException(e);
            }
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
