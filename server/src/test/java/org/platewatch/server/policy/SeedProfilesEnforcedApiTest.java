package org.platewatch.server.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.platewatch.server.hotlist.HotlistFixtures;
import org.platewatch.server.ingest.DeviceKind;
import org.platewatch.server.ingest.DeviceRegistration;
import org.platewatch.server.ingest.DeviceRegistry;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.support.Api;
import org.platewatch.server.support.PlatewatchServerTest;
import org.platewatch.server.support.TestDates;
import org.platewatch.server.users.PersonalTokens;
import org.platewatch.server.users.Role;
import org.platewatch.server.users.UserAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Every seed profile, and sb274, on the real server: the settings the alert and hot-list features read are enforced
 * with that profile's values, through the HTTP API, not only loaded. Verification before action
 * ({@code alertVerification}), the stop outcome ({@code stopOutcomeRequired}) and the custom-entry rules
 * ({@code hotlists.customEntries}).
 *
 * <p>A server start per profile would cost nine; profiles whose values for these settings are all equal share one
 * server (four groups), and each profile's run first checks that its values are the running server's, so a profile
 * whose values change falls out of its group with a failure that says so rather than being tested with another's.
 * What each run expects comes from the profile under test, not from the server's.
 */
class SeedProfilesEnforcedApiTest {

    @Nested
    @PlatewatchServerTest
    @TestPropertySource(properties = "platewatch.policy.profile=alameda")
    class VerificationWithoutException extends Enforcement {
        @Override
        Stream<String> profiles() {
            return Stream.of("alameda");
        }
    }

    @Nested
    @PlatewatchServerTest
    @TestPropertySource(properties = "platewatch.policy.profile=oakland")
    class VerificationIfPracticable extends Enforcement {
        @Override
        Stream<String> profiles() {
            return Stream.of("emeryville", "hayward", "oakland", "piedmont", "san-leandro", "sb274");
        }
    }

    @Nested
    @PlatewatchServerTest
    @TestPropertySource(properties = "platewatch.policy.profile=richmond")
    class VerificationAbsentExigency extends Enforcement {
        @Override
        Stream<String> profiles() {
            return Stream.of("richmond");
        }
    }

    @Nested
    @PlatewatchServerTest
    @TestPropertySource(properties = "platewatch.policy.profile=vallejo")
    class VerificationAbsentExigencyAndStopOutcome extends Enforcement {
        @Override
        Stream<String> profiles() {
            return Stream.of("vallejo");
        }
    }

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class Enforcement {

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

        /** The profiles this server's values stand for. */
        abstract Stream<String> profiles();

        private Api api;
        private String camera;
        private String officer;
        private String admin;
        private String supervisor;

        private void setUp() {
            if (api != null) {
                return;
            }
            api = new Api(port);
            camera = devices.register(
                            new DeviceRegistration(
                                    "cam-" + UUID.randomUUID().toString().substring(0, 6),
                                    DeviceKind.FIXED,
                                    37.80,
                                    -122.27,
                                    90.0),
                            Actor.SYSTEM)
                    .token();
            officer = HotlistFixtures.member(accounts, tokens, Role.OFFICER, true, TestDates.trainedRecently());
            admin = HotlistFixtures.member(accounts, tokens, Role.ADMINISTRATOR, true, TestDates.trainedRecently());
            supervisor = HotlistFixtures.member(accounts, tokens, Role.SUPERVISOR, true, TestDates.trainedRecently());
        }

        /** The profile under test, after checking that the running server has its values for every setting here. */
        private DepartmentProfile profile(String name) {
            setUp();
            DepartmentProfile p = ShippedProfiles.byName(name).orElseThrow();
            assertThat(List.of(
                            p.alertVerification(),
                            p.stopOutcomeRequired(),
                            p.hotlists().customEntries()))
                    .as(
                            "%s's alert and custom-entry settings are those of the server it is tested on (%s); move it to "
                                    + "the group with its values",
                            name, running.key())
                    .isEqualTo(List.of(
                            running.alertVerification(),
                            running.stopOutcomeRequired(),
                            running.hotlists().customEntries()));
            return p;
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("profiles")
        void anAlertIsConfirmedBeforeTheChecksOnlyWhereThePolicyAllowsIt(String name) {
            DepartmentProfile p = profile(name);
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

        @ParameterizedTest(name = "{0}")
        @MethodSource("profiles")
        void aConfirmedAlertIsClearedWithItsOutcomeWherePolicyRequiresIt(String name) {
            DepartmentProfile p = profile(name);
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

        @ParameterizedTest(name = "{0}")
        @MethodSource("profiles")
        void aChangeToACustomEntryMatchesOnlyOnceASupervisorApprovesIt(String name) {
            CustomEntryRules rules = profile(name).hotlists().customEntries();
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
            UUID id = UUID.randomUUID();
            String json = "{\"reads\":[{\"readId\":\"" + id + "\",\"plate\":\"" + plate + "\",\"state\":\"CA\","
                    + "\"confidence\":0.93,\"capturedAt\":\"" + clock.instant().minusSeconds(2) + "\","
                    + "\"vehicle\":{\"make\":\"Honda\",\"model\":\"Civic\",\"color\":\"red\"}}]}";
            Api.Response r = api.postJson("/api/v1/reads", camera, json);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            return id;
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
            assertThat(r.status()).as(r.body()).isEqualTo(status);
            assertThat(r.isProblem()).as(r.body()).isTrue();
            assertThat(r.json().get("type").asString()).isEqualTo("urn:platewatch:problem:" + slug);
            assertThat(r.json().get("field").asString()).as(r.body()).isEqualTo(field);
        }

        /**
         * A plate no other run uses: a digit, three letters, three digits, none of them confusable with another
         * character (0/O/D/Q, 1/I/L/T, 2/Z, 5/S, 6/G, 8/B), so that no look-alike match joins in.
         */
        private static String plate() {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < 7; i++) {
                String from = i >= 1 && i <= 3 ? PLAIN_LETTERS : PLAIN_DIGITS;
                s.append(from.charAt(r.nextInt(from.length())));
            }
            return s.toString();
        }

        private static final String PLAIN_LETTERS = "ACEFHJKMNPRUVWXY";
        private static final String PLAIN_DIGITS = "3479";
    }
}
