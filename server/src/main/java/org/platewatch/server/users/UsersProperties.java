package org.platewatch.server.users;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the users feature.
 *
 * @param secondFactor          {@code required} (default): every console sign-in asks for a TOTP code.
 *                              {@code off-in-demo}: no code is asked, but only while {@code platewatch.demo=true}
 *                              ({@code serve --demo}); outside demo mode this value has no effect. No setting turns
 *                              the second factor off for a real department (CJIS Security Policy 5.6.2.2).
 * @param lockAfterFailedSignIns consecutive failed sign-ins that lock an account, until {@code lock-out-duration}
 *                              has passed or an administrator unlocks it
 * @param tokenLifetime         how long a personal API token lives when the request names no lifetime
 * @param maxTokenLifetime      the longest lifetime a member may ask for
 * @param totpIssuer            the issuer shown in authenticator apps
 * @param signInThrottle        how many failed console sign-ins from one client address, or for one user name
 *                              (existing or not), are answered before further attempts are refused for a while
 *                              without checking anything (no database, no bcrypt, no audit row)
 * @param lockOutDuration       how long a lock-out lasts before it ends by itself (CJIS 5.5.3: 10 minutes, or until an
 *                              administrator unlocks it, which also works at any time)
 * @param idleLock              a console session without any action of its member for this long is ended (CJIS
 *                              5.5.5: 30 minutes). Background requests (polling, the live alert stream) do not count
 *                              as actions; {@code server.servlet.session.timeout} follows this setting.
 * @param totpKeyFile           the AES key that encrypts TOTP secrets in the database (256 bits, Base64, mode 0600);
 *                              unset: {@code totp-secret.key} in the data directory, created on first start. Keep it
 *                              out of database backups, and with them: without it no member can pass the code check
 */
@ConfigurationProperties(prefix = "platewatch.users")
public record UsersProperties(
        @DefaultValue("required") SecondFactorMode secondFactor,
        @DefaultValue("5") int lockAfterFailedSignIns,
        @DefaultValue("90d") Duration tokenLifetime,
        @DefaultValue("365d") Duration maxTokenLifetime,
        @DefaultValue("Platewatch") String totpIssuer,
        @DefaultValue SignInThrottle signInThrottle,
        @DefaultValue("10m") Duration lockOutDuration,
        @DefaultValue("30m") Duration idleLock,
        java.nio.file.Path totpKeyFile) {

    public UsersProperties {
        if (lockAfterFailedSignIns < 1) {
            throw new IllegalArgumentException("platewatch.users.lock-after-failed-sign-ins must be at least 1");
        }
        if (tokenLifetime.isNegative() || tokenLifetime.isZero() || tokenLifetime.compareTo(maxTokenLifetime) > 0) {
            throw new IllegalArgumentException(
                    "platewatch.users.token-lifetime must be positive and no longer than max-token-lifetime");
        }
        if (lockOutDuration.isNegative() || lockOutDuration.isZero() || idleLock.isNegative() || idleLock.isZero()) {
            throw new IllegalArgumentException(
                    "platewatch.users.lock-out-duration and platewatch.users.idle-lock must be positive");
        }
        if (signInThrottle.perUsername() < lockAfterFailedSignIns) {
            throw new IllegalArgumentException("platewatch.users.sign-in-throttle.per-username must be at least "
                    + "lock-after-failed-sign-ins, or an account would never lock");
        }
    }

    /**
     * Failed sign-ins are counted per client address and per user name over a sliding window; a key that
     * reached its limit is refused until its oldest counted failure leaves the window. The per-name limit
     * is never below {@code lock-after-failed-sign-ins}, so a real account still locks after that many.
     *
     * @param window          how long a failure counts
     * @param perAddress      failures from one client address within the window before it is refused
     * @param perUsername     failures for one user name within the window before it is refused
     */
    public record SignInThrottle(
            @DefaultValue("15m") Duration window,
            @DefaultValue("20") int perAddress,
            @DefaultValue("10") int perUsername) {

        public SignInThrottle {
            if (window.isNegative() || window.isZero() || perAddress < 1 || perUsername < 1) {
                throw new IllegalArgumentException(
                        "platewatch.users.sign-in-throttle: window must be positive and the limits at least 1");
            }
        }
    }

    /** Whether sign-in needs the second factor. */
    public enum SecondFactorMode {
        REQUIRED,
        OFF_IN_DEMO
    }
}
