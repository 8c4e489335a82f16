package org.platewatch.server.users;

import dev.samstevens.totp.code.CodeGenerator;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import dev.samstevens.totp.secret.SecretGenerator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.OptionalLong;
import org.platewatch.server.platform.PlatewatchProperties;
import org.platewatch.server.policy.DepartmentProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The second factor: TOTP (RFC 6238), HMAC-SHA1, 6 digits, 30-second steps, as every authenticator
 * app reads an {@code otpauth://} URI. A code from the step before or after is accepted (clock
 * drift), and each step is accepted once per account (no replay).
 *
 * <p>Whether it is asked: always, except in demo mode with {@code platewatch.users.second-factor=off-in-demo}.
 * The department profile's {@code secondFactorRequired()} is honoured by never relaxing it outside demo
 * mode; a profile that says false outside demo mode is still held to CJIS and asked for the code.
 */
@Component
public class SecondFactor {

    static final int DIGITS = 6;
    static final int PERIOD_SECONDS = 30;
    private static final Logger log = LoggerFactory.getLogger(SecondFactor.class);

    private final SecretGenerator secrets = new DefaultSecretGenerator(32);
    private final CodeGenerator codes = new DefaultCodeGenerator(HashingAlgorithm.SHA1, DIGITS);
    private final Clock clock;
    private final boolean required;
    private final String issuer;

    SecondFactor(Clock clock, UsersProperties settings, PlatewatchProperties platform, DepartmentProfile profile) {
        this.clock = clock;
        this.issuer = settings.totpIssuer();
        boolean offForDemo = platform.demo() && settings.secondFactor() == UsersProperties.SecondFactorMode.OFF_IN_DEMO;
        this.required = !offForDemo;
        if (offForDemo) {
            log.warn(
                    "Second factor is off: demo mode (platewatch.demo=true, platewatch.users.second-factor=off-in-demo)");
        } else if (!profile.secondFactorRequired()) {
            log.warn(
                    "Profile {} does not require a second factor; outside demo mode Platewatch asks for it anyway (CJIS)",
                    profile.key());
        }
    }

    /** Whether console sign-in asks for the code. */
    public boolean required() {
        return required;
    }

    String newSecret() {
        return secrets.generate();
    }

    /** The enrolment URI for authenticator apps; shown once. */
    String uri(String username, String secret) {
        return new QrData.Builder()
                .label(username)
                .secret(secret)
                .issuer(issuer)
                .algorithm(HashingAlgorithm.SHA1)
                .digits(DIGITS)
                .period(PERIOD_SECONDS)
                .build()
                .getUri();
    }

    /**
     * The time step the code belongs to, when it is right for the current step or one either side;
     * empty when it is wrong. The caller refuses a step it has already accepted.
     */
    OptionalLong matchingStep(String secret, String code) {
        if (secret == null || code == null || !code.matches("\\d{" + DIGITS + "}")) {
            return OptionalLong.empty();
        }
        long now = clock.instant().getEpochSecond() / PERIOD_SECONDS;
        for (long step = now - 1; step <= now + 1; step++) {
            if (constantTimeEquals(codeAt(secret, step), code)) {
                return OptionalLong.of(step);
            }
        }
        return OptionalLong.empty();
    }

    /** The code of one time step (for tests and the demo seed). */
    String codeAt(String secret, long step) {
        try {
            return codes.generate(secret, step);
        } catch (CodeGenerationException e) {
            throw new IllegalStateException("cannot compute a TOTP code", e);
        }
    }

    /** The code for the current step (for tests and the demo seed). */
    public String currentCode(String secret) {
        return codeAt(secret, clock.instant().getEpochSecond() / PERIOD_SECONDS);
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
