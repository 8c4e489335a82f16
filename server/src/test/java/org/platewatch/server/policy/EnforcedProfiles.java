package org.platewatch.server.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The profiles {@link SeedProfilesEnforcedApiTest} runs, the servers it starts, and which server tests which profile
 * for which setting: the first server (in {@link #SERVERS} order) whose value for the setting is the profile's. A
 * profile is tested on a server of another profile only where their values for the setting under test are equal, so
 * that what the server enforces is the profile's rule; the test checks the values again before each run.
 */
final class EnforcedProfiles {

    /**
     * A test profile no department ships: Hayward's, with a member's change to a custom hot-list entry in force at
     * once ({@code updateNeedsSupervisorApproval = false}, which no shipped profile has). Written in the profile-file
     * format by {@link ProfileYamlWriter} and read back by the server's own loader, as {@code serve --profile FILE.yml}
     * does. Hayward's because its authorised classifications are its own: this server is also Hayward's for them.
     */
    static final String CHANGES_AT_ONCE = "hayward-changes-at-once";

    /** The servers the test starts, by profile key, in the order a profile is given to the first that fits. */
    static final List<String> SERVERS = List.of("alameda", "san-leandro", "vallejo", "sb274", CHANGES_AT_ONCE);

    /** A setting under test, and its value in a profile. */
    enum Setting {
        ALERT_VERIFICATION,
        STOP_OUTCOME,
        CUSTOM_ENTRIES,
        AUTHORIZED_CLASSIFICATIONS,
        HOTLIST_SOURCES,
        HOTLIST_MAX_AGE,
        MAX_UPLOAD_INTERVAL,
        SEARCH_LIMITS,
        WARRANT_REQUIRED,
        REGIONAL_CENTRE;

        Object of(DepartmentProfile p) {
            return switch (this) {
                case ALERT_VERIFICATION -> p.alertVerification();
                case STOP_OUTCOME -> p.stopOutcomeRequired();
                case CUSTOM_ENTRIES -> p.hotlists().customEntries();
                case AUTHORIZED_CLASSIFICATIONS -> p.training().authorizedClassifications();
                case HOTLIST_SOURCES -> p.hotlists().allowedSources();
                case HOTLIST_MAX_AGE -> p.hotlists().maxAge();
                case MAX_UPLOAD_INTERVAL -> p.maxUploadInterval();
                case SEARCH_LIMITS ->
                    List.of(
                            p.search().maxWindowWithoutPlate(),
                            p.search().maxRadiusMetersWithoutPlate(),
                            p.search().minKnownPlateCharacters());
                case WARRANT_REQUIRED -> p.sharing().warrantRequired();
                case REGIONAL_CENTRE -> p.sharing().regionalCentre();
            };
        }
    }

    private static DepartmentProfile changesAtOnce;
    private static Path changesAtOnceFile;

    private EnforcedProfiles() {}

    /** The eight seed profiles, sb274 and the test profile. */
    static List<DepartmentProfile> all() {
        List<DepartmentProfile> all = new ArrayList<>(ShippedProfiles.all());
        all.add(ShippedProfiles.byName("sb274").orElseThrow());
        all.add(changesAtOnce());
        return all;
    }

    static DepartmentProfile byName(String name) {
        return CHANGES_AT_ONCE.equals(name)
                ? changesAtOnce()
                : ShippedProfiles.byName(name).orElseThrow();
    }

    /** The server that tests {@code profile} for {@code setting}: the first whose value is the profile's. */
    static Optional<String> serverFor(Setting setting, DepartmentProfile profile) {
        return SERVERS.stream()
                .filter(s -> Objects.equals(setting.of(byName(s)), setting.of(profile)))
                .findFirst();
    }

    /** The profiles the server {@code serverKey} tests for {@code setting}, by name. */
    static Stream<String> testedOn(String serverKey, Setting setting) {
        return all().stream()
                .filter(p -> serverFor(setting, p).orElse("").equals(serverKey))
                .map(DepartmentProfile::key);
    }

    static synchronized DepartmentProfile changesAtOnce() {
        if (changesAtOnce == null) {
            DepartmentProfile hayward = ShippedProfiles.byName("hayward").orElseThrow();
            String yaml = ProfileYamlWriter.write(hayward);
            String changed = yaml.replaceFirst("(?m)^key: hayward$", "key: " + CHANGES_AT_ONCE)
                    .replace("updateNeedsSupervisorApproval: true", "updateNeedsSupervisorApproval: false");
            assertThat(changed)
                    .as("the test profile differs from Hayward's in its key and the one setting")
                    .isNotEqualTo(yaml)
                    .contains("key: " + CHANGES_AT_ONCE, "updateNeedsSupervisorApproval: false");
            changesAtOnce = ProfileYaml.read(changed);
            try {
                changesAtOnceFile = Files.createTempFile("platewatch-" + CHANGES_AT_ONCE, ".yml");
                Files.writeString(changesAtOnceFile, changed);
                changesAtOnceFile.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return changesAtOnce;
    }

    /** The test profile's file, for {@code platewatch.policy.profile-file}. */
    static synchronized String changesAtOnceFile() {
        changesAtOnce();
        return changesAtOnceFile.toString();
    }
}
