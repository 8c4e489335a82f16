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
 * @param lockAfterFailedSignIns consecutive failed sign-ins that lock an account until an administrator unlocks it
 * @param tokenLifetime         how long a personal API token lives when the request names no lifetime
 * @param maxTokenLifetime      the longest lifetime a member may ask for
 * @param totpIssuer            the issuer shown in authenticator apps
 */
@ConfigurationProperties(prefix = "platewatch.users")
public record UsersProperties(
        @DefaultValue("required") SecondFactorMode secondFactor,
        @DefaultValue("5") int lockAfterFailedSignIns,
        @DefaultValue("90d") Duration tokenLifetime,
        @DefaultValue("365d") Duration maxTokenLifetime,
        @DefaultValue("Platewatch") String totpIssuer) {

    public UsersProperties {
        if (lockAfterFailedSignIns < 1) {
            throw new IllegalArgumentException("platewatch.users.lock-after-failed-sign-ins must be at least 1");
        }
        if (tokenLifetime.isNegative() || tokenLifetime.isZero() || tokenLifetime.compareTo(maxTokenLifetime) > 0) {
            throw new IllegalArgumentException(
                    "platewatch.users.token-lifetime must be positive and no longer than max-token-lifetime");
        }
    }

    /** Whether sign-in needs the second factor. */
    public enum SecondFactorMode {
        REQUIRED,
        OFF_IN_DEMO
    }
}
