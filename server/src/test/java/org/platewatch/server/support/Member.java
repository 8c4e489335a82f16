package org.platewatch.server.support;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.users.Role;
import org.platewatch.server.users.UserAccounts;

/**
 * A member of the department as a browser test signs in: username, password and a source of the
 * current 6-digit TOTP code, computed from the secret the account was enrolled with.
 */
public record Member(String username, String password, Role role, Supplier<String> code) {

    /**
     * A new, trained account with the given role, a unique username and a second factor, that has already
     * replaced its one-time password and enrolled its second factor (as its holder would at first sign-in),
     * so the console opens at home. Trained on {@link #trainedOn()}.
     */
    public static Member create(UserAccounts accounts, Role role) {
        return create(accounts, role, trainedOn());
    }

    /** As {@link #create}, trained on the given day (null: no training on record). */
    public static Member create(UserAccounts accounts, Role role, LocalDate trainedOn) {
        return create(accounts, role, trainedOn, MutableClock.server());
    }

    /**
     * As {@link #create}, with codes computed on {@code clock}: the server's clock, where a test moves it
     * (the server checks codes on its own clock).
     */
    public static Member create(UserAccounts accounts, Role role, LocalDate trainedOn, Clock clock) {
        Member fresh = createWithOneTimePassword(accounts, role, trainedOn);
        String password = "pw-" + UUID.randomUUID();
        String secret = new DefaultSecretGenerator(32).generate();
        TotpCodes codes = new TotpCodes(secret, clock);
        accounts.completeFirstSignIn(fresh.username(), fresh.password(), password, secret, codes.get());
        return new Member(fresh.username(), password, role, codes);
    }

    /**
     * As {@link #create}, still holding the one-time password and without a second factor: the console sends
     * it to change the password and enrol one first. Its {@link #currentCode()} is null.
     */
    public static Member createWithOneTimePassword(UserAccounts accounts, Role role) {
        return createWithOneTimePassword(accounts, role, trainedOn());
    }

    private static Member createWithOneTimePassword(UserAccounts accounts, Role role, LocalDate trainedOn) {
        String username = role.name().toLowerCase(Locale.ROOT) + "-"
                + UUID.randomUUID().toString().substring(0, 6);
        UserAccounts.NewAccount created = accounts.createWithCredentials(
                new UserAccounts.NewUser(username, "Test " + role.title(), role, role == Role.OFFICER, trainedOn),
                Actor.SYSTEM);
        return new Member(username, created.oneTimePassword(), role, null);
    }

    /** Codes of an authenticator holding {@code secret} (the Base32 key a page showed), on the system clock. */
    public static Supplier<String> codesOf(String secret) {
        return new TotpCodes(secret, MutableClock.server());
    }

    /**
     * An account with the given password and a second factor nobody is shown, past its first sign-in (the
     * one-time password replaced), as tests that act through personal tokens need it: the API refuses a
     * member still on a one-time password.
     */
    public static org.platewatch.server.users.UserAccount ready(
            UserAccounts accounts, UserAccounts.NewUser user, String password) {
        String oneTime = "one-time " + UUID.randomUUID();
        accounts.create(user, oneTime, Actor.SYSTEM);
        accounts.changePassword(user.username(), oneTime, password, Actor.SYSTEM);
        return accounts.findByUsername(user.username()).orElseThrow();
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
     * Codes from the authenticator a person would hold. The server accepts each 30-second step once per
     * account (a replayed code is refused), and the steps either side of the current one (clock drift): so
     * up to three codes in a row come without waiting, the next one waits for the next step.
     */
    private static final class TotpCodes implements Supplier<String> {
        private final String secret;
        private final Clock clock;
        private final AtomicLong lastStep = new AtomicLong(-1);
        private final DefaultCodeGenerator generator = new DefaultCodeGenerator();

        TotpCodes(String secret, Clock clock) {
            this.secret = secret;
            this.clock = clock;
        }

        @Override
        public synchronized String get() {
            // The step before the current one, unless the step ends within 2 s (the server would see it as two back).
            long oldest = clock.millis() % 30_000 > 28_000 ? now() : now() - 1;
            long step = Math.max(lastStep.get() + 1, oldest);
            while (step > now() + 1) {
                if (clock instanceof MutableClock server) {
                    server.advance(java.time.Duration.ofSeconds(30)); // the server's clock: move it, do not wait
                } else {
                    sleep(1000);
                }
            }
            lastStep.set(step);
            try {
                return generator.generate(secret, step);
            } catch (CodeGenerationException e) {
                throw new IllegalStateException(e);
            }
        }

        private long now() {
            return clock.millis() / 30_000;
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
