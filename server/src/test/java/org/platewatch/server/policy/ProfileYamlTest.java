package org.platewatch.server.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Profiles from YAML files: the documented example is Vallejo's profile, every shipped profile survives the round
 * trip (so the format has every field), and each kind of bad file is refused with one line naming the field.
 */
class ProfileYamlTest {

    static final Path EXAMPLE = Path.of("../docs/profiles/example.yml");

    @TempDir
    Path dir;

    static Stream<DepartmentProfile> shipped() {
        List<DepartmentProfile> all = new ArrayList<>(ShippedProfiles.all());
        ShippedProfiles.optionalNames()
                .forEach(n -> all.add(ShippedProfiles.byName(n).orElseThrow()));
        return all.stream();
    }

    @Test
    void theDocumentedExampleLoadsEqualToVallejosProfile() {
        assertThat(ProfileYaml.load(EXAMPLE))
                .isEqualTo(ShippedProfiles.byName("vallejo").orElseThrow());
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void everyShippedProfileSurvivesTheRoundTrip(DepartmentProfile profile) {
        assertThat(ProfileYaml.read(ProfileYamlWriter.write(profile))).isEqualTo(profile);
    }

    @Test
    void theServerEnforcesTheProfileOfTheFileItIsGiven() {
        new ApplicationContextRunner()
                .withUserConfiguration(PolicyConfiguration.class)
                .withPropertyValues("platewatch.policy.profile-file=" + EXAMPLE)
                .run(context -> assertThat(context.getBean(DepartmentProfile.class))
                        .isEqualTo(ShippedProfiles.byName("vallejo").orElseThrow()));
    }

    @Test
    void aBadFileStopsStartUpWithItsReason() throws Exception {
        Path bad = file(example().replace("    - NCIC\n", "    - NCIC\n    - FACEBOOK\n"));
        new ApplicationContextRunner()
                .withUserConfiguration(PolicyConfiguration.class)
                .withPropertyValues("platewatch.policy.profile-file=" + bad)
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .rootCause()
                            .isInstanceOf(ProfileFileException.class)
                            .hasMessageContaining("hotlists.allowedSources: unknown value 'FACEBOOK'");
                });
    }

    @Test
    void aMissingFieldIsNamed() {
        assertRefused(example().replaceFirst("designeeTitle: .*\n", ""), "designeeTitle: missing");
        assertRefused(example().replaceFirst("  approverTitle: .*\n", ""), "sharing.approverTitle: missing");
        assertRefused(example().replaceFirst("\\s+period: P30D", ""), "externalCopies[0].retention.period: missing");
    }

    @Test
    void anUnknownFieldIsNamed() {
        assertRefused(example() + "auditingEnabled: false\n", "auditingEnabled: unknown field");
        assertRefused(
                example().replace("  reasonRequired: true\n", "  reasonRequired: true\n  skipAudit: true\n"),
                "search.skipAudit: unknown field");
    }

    @Test
    void anUnknownHotlistSourceIsNamed() {
        assertRefused(
                example().replace("    - CA_DMV\n", "    - CA_DMV\n    - COMMERCIAL_DATABASE\n"),
                "hotlists.allowedSources: unknown value 'COMMERCIAL_DATABASE'; allowed: NCIC");
    }

    @Test
    void sharingThatTheLawForbidsIsRefused() {
        assertRefused(
                example().replace("californiaPublicAgenciesOnly: true", "californiaPublicAgenciesOnly: false"),
                "sharing: Civil Code §§ 1798.90.5(f) and 1798.90.55(b)");
        assertRefused(
                example().replace("immigrationEnforcementForbidden: true", "immigrationEnforcementForbidden: false"),
                "sharing: the California Values Act");
        assertRefused(example().replace("saleForbidden: true", "saleForbidden: false"), "sharing: Civil Code");
        assertRefused(
                example().replace("    - PROSECUTION\n", "    - PROSECUTION\n    - FEDERAL_AGENCY\n"),
                "sharing.allowedRecipients: unknown value 'FEDERAL_AGENCY'");
    }

    @Test
    void aProfileCannotTurnAuditingOff() {
        assertRefused(
                example().replace("auditLogRetention: P2Y", "auditLogRetention: P30D"),
                "audit log retention P30D is under the CJIS floor");
        assertRefused(
                example().replace("  reasonRequired: true", "  reasonRequired: false"),
                "search: Civil Code § 1798.90.52(a)(4)");
        assertRefused(
                example().replace("  interval: P1Y", "  interval: P0D"), "audit: audit intervals must be positive");
    }

    @Test
    void aRetentionUnderItsMinimumOrContradictedElsewhereIsRefused() {
        String atLeastAYear = example()
                .replaceFirst(
                        "detectionRetention:\n  bound: AT_MOST\n  period: P1Y",
                        "detectionRetention:\n" + "  bound: AT_LEAST\n  period: P1Y\n  chosen: P6M");
        assertRefused(atLeastAYear, "detectionRetention.chosen: retention P6M breaks the policy: at least P1Y");
        // the vendor's 30 days are longer than 20 days of detections: the published purge age would be untrue
        String twentyDays = example()
                .replaceFirst(
                        "detectionRetention:\n  bound: AT_MOST\n  period: P1Y",
                        "detectionRetention:\n" + "  bound: AT_MOST\n  period: P20D");
        assertRefused(twentyDays, "externalCopies[0].retention: Flock Safety");
        String hoursLonger = example().replace("maxUploadInterval: P30D", "maxUploadInterval: P400D");
        assertRefused(hoursLonger, "maxUploadInterval: PT9600H is not shorter than the detection retention");
    }

    @Test
    void aWrongTypeIsNamed() {
        assertRefused(
                example().replace("stopOutcomeRequired: true", "stopOutcomeRequired: sometimes"),
                "stopOutcomeRequired: expected true or false, not 'sometimes'");
        assertRefused(
                example().replace("auditLogRetention: P2Y", "auditLogRetention: two years"),
                "auditLogRetention: expected an ISO-8601 period");
    }

    @Test
    void aliasExpansionHugeFilesDuplicateKeysAndJavaTypesAreRefused() throws Exception {
        String laughs = """
                a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
                b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
                c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
                d: [*c,*c,*c,*c,*c,*c,*c,*c,*c]
                """;
        assertRefused(laughs, "not a valid profile file: Number of aliases for non-scalar nodes exceeds");
        assertRefused(example() + "# " + "x".repeat(ProfileYaml.MAX_BYTES) + "\n", "larger than 64 KiB");
        Path huge = dir.resolve("huge.yml");
        Files.write(huge, new byte[ProfileYaml.MAX_BYTES + 1]);
        assertThatThrownBy(() -> ProfileYaml.load(huge))
                .isInstanceOf(ProfileFileException.class)
                .hasMessage("profile file " + huge + ": larger than 64 KiB: not a profile");
        assertRefused(example() + "key: oakland\n", "not a valid profile file: found duplicate key key");
        assertRefused(
                "key: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x\"]]]]\n",
                "not a valid profile file");
        assertRefused("- just\n- a list\n", "the file must hold one mapping");
        assertThatThrownBy(() -> ProfileYaml.load(dir.resolve("absent.yml"))).hasMessageEndingWith("no such file");
    }

    private static void assertRefused(String yaml, String reason) {
        assertThatThrownBy(() -> ProfileYaml.read(yaml))
                .isInstanceOf(ProfileFileException.class)
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    private static String example() {
        try {
            return Files.readString(EXAMPLE);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Path file(String yaml) throws Exception {
        Path f = dir.resolve("profile.yml");
        Files.writeString(f, yaml);
        return f;
    }

    /** Regenerates docs/profiles/example.yml's fields: -Dregenerate.example=true (then restore its comments). */
    @Test
    void regenerate() throws Exception {
        if (Boolean.getBoolean("regenerate.example")) {
            Files.createDirectories(EXAMPLE.getParent());
            Files.writeString(
                    EXAMPLE.resolveSibling("generated.yml"),
                    ProfileYamlWriter.write(ShippedProfiles.byName("vallejo").orElseThrow()));
        }
    }
}
