package org.platewatch.server.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.platewatch.server.ingest.DeviceRegistry;
import org.platewatch.server.ingest.IngestProperties;
import org.platewatch.server.policy.EnforcedProfiles.Setting;
import org.platewatch.server.support.Api;
import org.platewatch.server.support.PlatewatchServerTest;
import org.platewatch.server.users.PersonalTokens;
import org.platewatch.server.users.UserAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Every seed profile, and sb274, on the real server: each setting a feature reads is enforced with that profile's
 * value, through the HTTP API, not only loaded. Here verification before action ({@code alertVerification}), the stop
 * outcome ({@code stopOutcomeRequired}) and the custom-entry rules ({@code hotlists.customEntries});
 * {@link AccessSettingsEnforced} (classifications, hot-list sources and age, upload interval, search limits) and
 * {@link SharingSettingsEnforced} (warrant number, regional centre) add theirs to every server.
 *
 * <p>A server start per profile would cost ten; five servers ({@link EnforcedProfiles#SERVERS}) cover every value
 * of every setting here. Each test runs a profile on the first server whose value for that test's setting is the
 * profile's, and checks it again first, so a profile whose value changes fails with a message that says so rather
 * than being tested with another's. What each run expects comes from the profile under test, not from the server.
 * {@link #everyProfileIsTestedOnAServerWithItsValueForEverySetting} keeps a profile from falling between servers.
 */
class SeedProfilesEnforcedApiTest {

    @Test
    void everyProfileIsTestedOnAServerWithItsValueForEverySetting() {
        assertThat(EnforcedProfiles.all()).hasSize(10);
        for (Setting setting : Setting.values()) {
            for (DepartmentProfile p : EnforcedProfiles.all()) {
                assertThat(EnforcedProfiles.serverFor(setting, p))
                        .as("%s: no server has %s's value %s", setting, p.key(), setting.of(p))
                        .isPresent();
            }
        }
        assertThat(EnforcedProfiles.changesAtOnce().hotlists().customEntries().updateNeedsSupervisorApproval())
                .isFalse();
    }

    @Nested
    @PlatewatchServerTest
    @TestPropertySource(properties = "platewatch.policy.profile=alameda")
    class Alameda extends Enforcement {}

    @Nested
    @PlatewatchServerTest
    @TestPropertySource(properties = "platewatch.policy.profile=san-leandro")
    class SanLeandro extends Enforcement {}

    @Nested
    @PlatewatchServerTest
    @TestPropertySource(properties = "platewatch.policy.profile=vallejo")
    class Vallejo extends Enforcement {}

    @Nested
    @PlatewatchServerTest
    @TestPropertySource(properties = "platewatch.policy.profile=sb274")
    class Sb274 extends Enforcement {}

    /** The test profile, from its YAML file, as {@code serve --profile FILE.yml} starts it. */
    @Nested
    @PlatewatchServerTest
    class HaywardWithChangesInForceAtOnce extends Enforcement {

        @DynamicPropertySource
        static void profileFile(DynamicPropertyRegistry registry) {
            registry.add("platewatch.policy.profile-file", EnforcedProfiles::changesAtOnceFile);
        }
    }

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class Enforcement implements AccessSettingsEnforced, SharingSettingsEnforced {

        @LocalServerPort
        int port;

        @Autowired
        DepartmentProfile running;

        @Autowired
        UserAccounts accounts;

        @Autowired
        PersonalTokens tokens;

        @Autowired
        DeviceRegistry devices;

        @Autowired
        JdbcClient jdbc;

        @Autowired
        Clock clock;

        @Autowired
        IngestProperties ingest;

        private SeedProfileServer server;
        private Api api;
        private String officer;
        private String admin;
        private String supervisor;

        @Override
        public SeedProfileServer server() {
            if (server == null) {
                assertThat(EnforcedProfiles.SERVERS).contains(running.key());
                server = new SeedProfileServer(port, accounts, tokens, devices, jdbc, clock, running, ingest);
                api = server.api;
                officer = server.officer;
                admin = server.admin;
                supervisor = server.supervisor;
            }
            return server;
        }

        @Override
        public DepartmentProfile profile(String name, Setting setting) {
            server();
            DepartmentProfile p = EnforcedProfiles.byName(name);
            assertThat(setting.of(p))
                    .as("%s's %s is that of the server it is tested on (%s)", name, setting, running.key())
                    .isEqualTo(setting.of(running));
            return p;
        }

        private Stream<String> on(Setting setting) {
            return EnforcedProfiles.testedOn(running.key(), setting);
        }

        Stream<String> forAlertVerification() {
            return on(Setting.ALERT_VERIFICATION);
        }

        Stream<String> forStopOutcome() {
            return on(Setting.STOP_OUTCOME);
        }

        Stream<String> forCustomEntries() {
            return on(Setting.CUSTOM_ENTRIES);
        }

        Stream<String> forClassifications() {
            return on(Setting.AUTHORIZED_CLASSIFICATIONS);
        }

        Stream<String> forHotlistSources() {
            return on(Setting.HOTLIST_SOURCES);
        }

        Stream<String> forHotlistMaxAge() {
            return on(Setting.HOTLIST_MAX_AGE);
        }

        Stream<String> forUploadInterval() {
            return on(Setting.MAX_UPLOAD_INTERVAL);
        }

        Stream<String> forSearchLimits() {
            return on(Setting.SEARCH_LIMITS);
        }

        Stream<String> forWarrant() {
            return on(Setting.WARRANT_REQUIRED);
        }

        Stream<String> forRegionalCentre() {
            return on(Setting.REGIONAL_CENTRE);
        }

        @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
        @MethodSource("forAlertVerification")
        void anAlertIsConfirmedBeforeTheChecksOnlyWhereThePolicyAllowsIt(String name) {
            DepartmentProfile p = profile(name, Setting.ALERT_VERIFICATION);
            long alert = alertOn(plate());
            Api.Response early =
                    transition(alert, "{\"to\":\"CONFIRMED\",\"confirmedWith\":\"Dispatch\",\"method\":\"DISPATCH\"}");
            switch (p.alertVerification()) {
                case REQUIRED -> {
                    assertProblem(early, 409, "alert-checks-required", "to");
                    assertThat(early.json().get("detail").asString()).contains("TENTATIVE", "QUERIED");
                    assertProblem(
                            transition(alert, confirmedWith("\"exigency\":\"Suspect fleeing\"")),
                            409,
                            "alert-checks-required",
                            "to");
                    assertThat(refusals(alert)).as("each refusal is audited").isEqualTo(2);
                    verifiedAndQueried(alert);
                    assertThat(transition(alert, confirmedWith(null)).status()).isEqualTo(200);
                }
                case REQUIRED_ABSENT_EXIGENCY -> {
                    assertProblem(early, 409, "alert-checks-required", "exigency");
                    assertThat(refusals(alert)).isEqualTo(1);
                    Api.Response stated =
                            transition(alert, confirmedWith("\"exigency\":\"Vehicle fleeing toward a school\""));
                    assertThat(stated.status()).as(stated.body()).isEqualTo(200);
                    JsonNode details = lastDetails(stated);
                    assertThat(details.get("exigency").asString()).isEqualTo("Vehicle fleeing toward a school");
                    assertThat(details.get("skippedChecks")).hasSize(2);
                }
                case IF_PRACTICABLE -> {
                    assertThat(early.status()).as(early.body()).isEqualTo(200);
                    assertThat(lastDetails(early).get("skippedChecks")).hasSize(2);
                }
            }
            assertThat(state(alert)).isEqualTo("CONFIRMED");
        }

        @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
        @MethodSource("forStopOutcome")
        void aConfirmedAlertIsClearedWithItsOutcomeWherePolicyRequiresIt(String name) {
            DepartmentProfile p = profile(name, Setting.STOP_OUTCOME);
            long alert = alertOn(plate());
            verifiedAndQueried(alert);
            assertThat(transition(alert, confirmedWith(null)).status()).isEqualTo(200);
            Api.Response bare = transition(alert, "{\"to\":\"CLEARED\"}");
            if (p.stopOutcomeRequired()) {
                assertProblem(bare, 400, "alert-outcome-required", "outcome");
                assertThat(state(alert)).isEqualTo("CONFIRMED");
                assertThat(refusals(alert)).isEqualTo(1);
                Api.Response cleared =
                        transition(alert, "{\"to\":\"CLEARED\",\"outcome\":\"ARREST\",\"incidentNumber\":\"26-77\"}");
                assertThat(cleared.status()).as(cleared.body()).isEqualTo(200);
                assertThat(cleared.json().get("outcome").asString()).isEqualTo("ARREST");
            } else {
                assertThat(bare.status()).as(bare.body()).isEqualTo(200);
                JsonNode outcome = bare.json().get("outcome");
                assertThat(outcome == null || outcome.isNull()).as(bare.body()).isTrue();
            }
            assertThat(state(alert)).isEqualTo("CLEARED");
        }

        @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
        @MethodSource("forCustomEntries")
        void aChangeToACustomEntryMatchesOnlyOnceASupervisorApprovesIt(String name) {
            CustomEntryRules rules =
                    profile(name, Setting.CUSTOM_ENTRIES).hotlists().customEntries();
            String before = plate();
            String after = plate();
            if (rules.caseNumberRequired()) {
                assertProblem(
                        api.postJson(
                                "/api/v1/hotlists/custom/entries",
                                officer,
                                entry(before).replace("\"caseNumber\":\"26-0101\",", "")),
                        400,
                        "invalid-field",
                        "caseNumber");
            }
            if (rules.synopsisRequired()) {
                assertProblem(
                        api.postJson(
                                "/api/v1/hotlists/custom/entries",
                                officer,
                                entry(before).replace("\"synopsis\":\"Armed robbery\",", "")),
                        400,
                        "invalid-field",
                        "synopsis");
            }
            long entry = activeEntry(before);
            Api.Response proposed = put(
                    "/api/v1/hotlists/custom/entries/" + entry,
                    officer,
                    "{\"plate\":\"" + after + "\",\"state\":\"CA\",\"synopsis\":\"Witness corrected the plate\"}");
            assertThat(proposed.status()).as(proposed.body()).isEqualTo(200);
            if (rules.updateNeedsSupervisorApproval()) {
                assertThat(proposed.json().get("plate").asString()).isEqualTo(before);
                assertThat(alertsOn(read(after)))
                        .as("the change waits for a supervisor")
                        .isEmpty();
                String path = "/api/v1/hotlists/custom/entries/" + entry + "/change-approval";
                String decision = "{\"approve\":true,\"proposedAt\":\""
                        + proposed.json().get("proposedAt").asString() + "\"}";
                assertThat(api.postJson(path, officer, decision).status())
                        .as("not the requester")
                        .isEqualTo(403);
                Api.Response approved = api.postJson(path, supervisor, decision);
                assertThat(approved.status()).as(approved.body()).isEqualTo(200);
            } else {
                assertThat(proposed.json().get("plate").asString()).isEqualTo(after);
            }
            assertThat(alertsOn(read(after))).as("the change is in force").hasSize(1);
            assertThat(alertsOn(read(before)))
                    .as("the old plate no longer matches")
                    .isEmpty();
        }

        // ---- helpers ----

        private long activeEntry(String plate) {
            Api.Response created = api.postJson("/api/v1/hotlists/custom/entries", officer, entry(plate));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            long id = created.json().get("id").asLong();
            Api.Response approved =
                    api.postJson("/api/v1/hotlists/custom/entries/" + id + "/approval", admin, "{\"approve\":true}");
            assertThat(approved.status()).as(approved.body()).isEqualTo(200);
            return id;
        }

        private String entry(String plate) {
            return "{\"plate\":\"" + plate + "\",\"state\":\"CA\",\"vehicle\":{\"make\":\"Honda\",\"model\":\"Civic\","
                    + "\"color\":\"red\"},\"reason\":\"Robbery suspect vehicle\",\"caseNumber\":\"26-0101\","
                    + "\"synopsis\":\"Armed robbery\",\"expiresAt\":\""
                    + clock.instant().plus(Duration.ofDays(2))
                    + "\"}";
        }

        /** A BOLO entry on {@code plate}, approved, and the alert a read of it raised. */
        private long alertOn(String plate) {
            activeEntry(plate);
            List<Long> alerts = alertsOn(read(plate));
            assertThat(alerts).hasSize(1);
            return alerts.get(0);
        }

        private UUID read(String plate) {
            return server.read(plate);
        }

        private List<Long> alertsOn(UUID readId) {
            return jdbc.sql("SELECT id FROM alerts WHERE read_id = ? ORDER BY id")
                    .param(readId)
                    .query(Long.class)
                    .list();
        }

        private void verifiedAndQueried(long alert) {
            Api.Response tentative = transition(
                    alert,
                    "{\"to\":\"TENTATIVE\",\"charactersVerified\":true,\"stateVerified\":true,\"vehicleVerified\":true}");
            assertThat(tentative.status()).as(tentative.body()).isEqualTo(200);
            Api.Response queried = transition(alert, "{\"to\":\"QUERIED\",\"result\":\"Still wanted\"}");
            assertThat(queried.status()).as(queried.body()).isEqualTo(200);
        }

        private static String confirmedWith(String extra) {
            return "{\"to\":\"CONFIRMED\",\"confirmedWith\":\"Dispatch\",\"method\":\"DISPATCH\""
                    + (extra == null ? "" : "," + extra) + "}";
        }

        private Api.Response transition(long alert, String json) {
            return api.postJson("/api/v1/alerts/" + alert + "/transitions", officer, json);
        }

        private Api.Response put(String path, String token, String json) {
            return api.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                            .header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString(json)),
                    token);
        }

        private String state(long alert) {
            return jdbc.sql("SELECT state FROM alerts WHERE id = ?")
                    .param(alert)
                    .query(String.class)
                    .single();
        }

        private long refusals(long alert) {
            return jdbc.sql(
                            "SELECT count(*) FROM audit_events WHERE action = 'alert.transition-refused' AND subject = ?")
                    .param("alert:" + alert)
                    .query(Long.class)
                    .single();
        }

        private static JsonNode lastDetails(Api.Response r) {
            JsonNode transitions = r.json().get("transitions");
            return transitions.get(transitions.size() - 1).get("details");
        }

        private static void assertProblem(Api.Response r, int status, String slug, String field) {
            SeedProfileServer.assertProblem(r, status, slug, field);
        }

        private static String plate() {
            return SeedProfileServer.plate();
        }
    }
}
