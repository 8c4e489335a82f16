package org.platewatch.server.users;

import static org.assertj.core.api.Assertions.assertThat;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.platewatch.server.platform.PlatewatchProperties;
import org.platewatch.server.policy.DepartmentProfile;

/** The second factor against RFC 6238 Appendix B and the rules Platewatch adds (window, format, demo switch). */
class TotpCodesTest {

    /** The RFC's SHA-1 seed, "12345678901234567890", in the Base32 that otpauth:// URIs carry. */
    private static final String RFC_SEED =
            new Base32().encodeToString("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

    @ParameterizedTest(name = "T={0}s -> {1}")
    @CsvSource({
        "59, 94287082",
        "1111111109, 07081804",
        "1111111111, 14050471",
        "1234567890, 89005924",
        "2000000000, 69279037",
        "20000000000, 65353130"
    })
    void theLibraryReproducesRfc6238TestVectors(long unixSeconds, String expected) throws Exception {
        DefaultCodeGenerator eightDigits = new DefaultCodeGenerator(HashingAlgorithm.SHA1, 8);
        assertThat(eightDigits.generate(RFC_SEED, unixSeconds / 30)).isEqualTo(expected);
    }

    @Test
    void sixDigitCodesAreTheLastSixOfTheRfcCodes() {
        SecondFactor totp =
                secondFactor(Instant.ofEpochSecond(1111111109L), false, UsersProperties.SecondFactorMode.REQUIRED);
        assertThat(totp.currentCode(RFC_SEED)).isEqualTo("081804");
        assertThat(totp.matchingStep(RFC_SEED, "081804")).hasValue(1111111109L / 30);
    }

    @Test
    void acceptsOneStepOfDriftEitherSideAndNothingElse() {
        long t = 1234567890L;
        SecondFactor totp = secondFactor(Instant.ofEpochSecond(t), false, UsersProperties.SecondFactorMode.REQUIRED);
        long step = t / 30;
        assertThat(totp.matchingStep(RFC_SEED, totp.codeAt(RFC_SEED, step - 1))).hasValue(step - 1);
        assertThat(totp.matchingStep(RFC_SEED, totp.codeAt(RFC_SEED, step + 1))).hasValue(step + 1);
        assertThat(totp.matchingStep(RFC_SEED, totp.codeAt(RFC_SEED, step - 2))).isEmpty();
        assertThat(totp.matchingStep(RFC_SEED, totp.codeAt(RFC_SEED, step + 2))).isEmpty();
    }

    @Test
    void refusesMalformedCodes() {
        SecondFactor totp = secondFactor(Instant.ofEpochSecond(59), false, UsersProperties.SecondFactorMode.REQUIRED);
        for (String bad : List.of("", "12345", "1234567", "abcdef", "94287082")) {
            assertThat(totp.matchingStep(RFC_SEED, bad)).as(bad).isEmpty();
        }
        assertThat(totp.matchingStep(RFC_SEED, null)).isEmpty();
        assertThat(totp.matchingStep(null, "287082")).isEmpty();
    }

    @Test
    void enrolmentUriIsWhatAuthenticatorAppsRead() {
        SecondFactor totp = secondFactor(Instant.now(), false, UsersProperties.SecondFactorMode.REQUIRED);
        String secret = totp.newSecret();
        assertThat(secret).matches("[A-Z2-7]{32}");
        assertThat(totp.uri("jdoe", secret))
                .startsWith("otpauth://totp/")
                .contains("secret=" + secret)
                .contains("issuer=Platewatch")
                .contains("digits=6")
                .contains("period=30")
                .contains("jdoe");
    }

    @Test
    void theSecondFactorIsOffOnlyInDemoModeWithOffInDemo() {
        Instant now = Instant.now();
        assertThat(secondFactor(now, false, UsersProperties.SecondFactorMode.REQUIRED)
                        .required())
                .isTrue();
        assertThat(secondFactor(now, false, UsersProperties.SecondFactorMode.OFF_IN_DEMO)
                        .required())
                .isTrue();
        assertThat(secondFactor(now, true, UsersProperties.SecondFactorMode.REQUIRED)
                        .required())
                .isTrue();
        assertThat(secondFactor(now, true, UsersProperties.SecondFactorMode.OFF_IN_DEMO)
                        .required())
                .isFalse();
    }

    static SecondFactor secondFactor(Instant now, boolean demo, UsersProperties.SecondFactorMode mode) {
        UsersProperties settings = new UsersProperties(
                mode,
                5,
                java.time.Duration.ofDays(90),
                java.time.Duration.ofDays(365),
                "Platewatch",
                new UsersProperties.SignInThrottle(java.time.Duration.ofMinutes(15), 20, 10),
                java.time.Duration.ofMinutes(10),
                java.time.Duration.ofMinutes(30),
                null);
        PlatewatchProperties platform = new PlatewatchProperties(
                java.nio.file.Path.of("data"),
                demo,
                new PlatewatchProperties.Database(null, "postgres", null, null, null, 10));
        DepartmentProfile oakland =
                org.platewatch.server.policy.ShippedProfiles.byName("oakland").orElseThrow();
        return new SecondFactor(Clock.fixed(now, ZoneOffset.UTC), settings, platform, oakland);
    }
}
