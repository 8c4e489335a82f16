package org.platewatch.server.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.platewatch.server.policy.SeedProfileServer.assertProblem;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.platewatch.server.hotlist.HotlistFixtures;
import org.platewatch.server.policy.EnforcedProfiles.Setting;
import org.platewatch.server.support.AdminSession;
import org.platewatch.server.support.Api;
import tools.jackson.databind.JsonNode;

/**
 * The settings that govern who may use the system and what comes in, each enforced with the profile's value on the
 * running server: the authorised classifications, the hot-list sources and their maximum age, how long a mobile unit
 * may hold reads, and where a search becomes broad enough to wait for a supervisor.
 */
interface AccessSettingsEnforced {

    /** The running server. */
    SeedProfileServer server();

    /** The profile under test, after checking that the running server has its value for {@code setting}. */
    DepartmentProfile profile(String name, Setting setting);

    @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
    @MethodSource("forClassifications")
    default void anAccountOfAClassificationThePolicyDoesNotAuthoriseIsRefused(String name) {
        List<String> authorised =
                profile(name, Setting.AUTHORIZED_CLASSIFICATIONS).training().authorizedClassifications();
        SeedProfileServer s = server();
        AdminSession admin = s.adminSession();
        String other = "cls-" + SeedProfileServer.suffix();
        Api.Response volunteer = admin.postJson("/api/v1/users", account(other, "Volunteer reserve"));
        if (authorised.isEmpty()) {
            assertThat(volunteer.status())
                    .as("the policy names no classification: %s", volunteer.body())
                    .isEqualTo(201);
        } else {
            assertProblem(volunteer, 400, "invalid-field", "jobClassification");
            assertThat(volunteer.json().get("detail").asString()).contains(authorised.get(0));
            assertThat(s.accounts.findByUsername(other)).isEmpty();
            String named = "cls-" + SeedProfileServer.suffix();
            Api.Response accepted =
                    admin.postJson("/api/v1/users", account(named, authorised.get(authorised.size() - 1)));
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
        }
    }

    @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
    @MethodSource("forHotlistSources")
    default void aListFromASourceThePolicyDoesNotNameIsRefused(String name) {
        DepartmentProfile p = profile(name, Setting.HOTLIST_SOURCES);
        HotlistSource refused = EnumSet.complementOf(EnumSet.copyOf(p.hotlists().allowedSources())).stream()
                .filter(source -> source != HotlistSource.DEPARTMENT_BOLO)
                .findFirst()
                .orElseThrow();
        HotlistSource allowed = p.hotlists().allowedSources().stream()
                .filter(source -> source != HotlistSource.DEPARTMENT_BOLO)
                .findFirst()
                .orElseThrow();
        AdminSession admin = server().adminSession();
        Api.Response outside = admin.postJson(
                "/api/v1/hotlists",
                "{\"hotlist\":" + HotlistFixtures.list("x" + SeedProfileServer.suffix(), refused.name(), "CSV", null)
                        + "}");
        assertThat(outside.status()).as(outside.body()).isEqualTo(422);
        assertThat(outside.json().get("type").asString())
                .isEqualTo("urn:platewatch:problem:hotlist-source-not-allowed");
        HotlistFixtures.designate(api(), admin, "a" + SeedProfileServer.suffix(), allowed.name(), "CSV", null);
    }

    @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
    @MethodSource("forHotlistMaxAge")
    default void aListOlderThanTheMaximumAgeIsStale(String name) {
        Duration maxAge = profile(name, Setting.HOTLIST_MAX_AGE).hotlists().maxAge();
        long fresh = dojListDated(maxAge.minusHours(1));
        long stale = dojListDated(maxAge.plusHours(1));
        JsonNode report =
                api().get("/api/v1/hotlists/freshness", server().officer).json();
        assertThat(staleness(report, fresh))
                .as("a list younger than %s", maxAge)
                .isFalse();
        assertThat(staleness(report, stale)).as("a list older than %s", maxAge).isTrue();
    }

    @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
    @MethodSource("forUploadInterval")
    default void aMobileUnitsReadOlderThanItMayHoldReadsIsRefused(String name) {
        DepartmentProfile p = profile(name, Setting.MAX_UPLOAD_INTERVAL);
        SeedProfileServer s = server();
        // ZERO is "immediately" in the texts; a car out of coverage still holds reads as long as a fixed camera may
        Duration fixed = s.fixedCameraBacklog();
        Duration mayHold = p.maxUploadInterval().compareTo(fixed) > 0 ? p.maxUploadInterval() : fixed;
        Instant now = s.clock.instant();
        Api.Response held = s.upload(
                s.mobileUnit,
                UUID.randomUUID(),
                SeedProfileServer.plate(),
                now.minus(mayHold).plusSeconds(3600),
                false);
        assertThat(held.status())
                .as("a read held just under %s: %s", mayHold, held.body())
                .isEqualTo(200);
        UUID late = UUID.randomUUID();
        Api.Response tooLate = s.upload(
                s.mobileUnit,
                late,
                SeedProfileServer.plate(),
                now.minus(mayHold).minusSeconds(3600),
                false);
        assertThat(tooLate.status()).as(tooLate.body()).isEqualTo(400);
        assertThat(tooLate.json().get("field").asString()).endsWith("capturedAt");
        assertThat(tooLate.json().get("detail").asString()).contains(mayHold.toDays() + " days");
        assertThat(s.jdbc.sql("SELECT count(*) FROM detections WHERE read_id = ?")
                        .param(late)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
    @MethodSource("forSearchLimits")
    default void aSearchBroaderThanThePolicysLimitsWaitsForASupervisor(String name) {
        SearchRules rules = profile(name, Setting.SEARCH_LIMITS).search();
        Instant now = server().clock.instant();
        Duration window = rules.maxWindowWithoutPlate();
        int radius = rules.maxRadiusMetersWithoutPlate();
        assertThat(search(window(now, window.minusDays(1)), area(radius - 100)).status())
                .as("within the limits it runs at once")
                .isEqualTo(201);
        assertBroad(search(window(now, window.plusDays(1)), area(radius - 100)), "longer than " + window.toDays());
        assertBroad(search(window(now, Duration.ofDays(1)), area(radius + 500)), "wider than " + radius);
        int known = rules.minKnownPlateCharacters();
        assertThat(search("\"plate\":\"" + partial(known) + "\"").status())
                .as("%d known characters", known)
                .isEqualTo(201);
        if (known > 1) {
            assertBroad(search("\"plate\":\"" + partial(known - 1) + "\""), "fewer than " + known);
        }
    }

    // ---- helpers ----

    private Api api() {
        return server().api;
    }

    private static String account(String username, String classification) {
        return "{\"username\":\"" + username + "\",\"fullName\":\"Someone\",\"role\":\"officer\","
                + "\"jobClassification\":\"" + classification + "\"}";
    }

    /** An NCIC list (every profile allows it) in the CA DOJ format, its file dated {@code age} ago. */
    private long dojListDated(Duration age) {
        SeedProfileServer s = server();
        AdminSession admin = s.adminSession();
        long id = HotlistFixtures.designate(api(), admin, "age" + SeedProfileServer.suffix(), "NCIC", "CA_DOJ", null);
        Clock then = Clock.offset(s.clock, age.negated());
        Api.Response imported = admin.upload(
                "/api/v1/hotlists/" + id + "/imports",
                "list.tbl",
                HotlistFixtures.dojFile(
                        then, s.running.zone(), List.<String[]>of(new String[] {SeedProfileServer.plate(), "CA"})));
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        return id;
    }

    private static boolean staleness(JsonNode report, long id) {
        for (JsonNode list : report) {
            if (list.get("id").asLong() == id) {
                return list.get("stale").asBoolean();
            }
        }
        throw new AssertionError("list " + id + " is not in the freshness report: " + report);
    }

    private Api.Response search(String... criteria) {
        StringBuilder body = new StringBuilder(
                "{\"caseNumber\":\"26-000123\",\"purpose\":\"STOLEN_VEHICLE\",\"reason\":\"stolen vehicle report\"");
        for (String c : criteria) {
            body.append(',').append(c);
        }
        return api().postJson(
                        "/api/v1/searches",
                        server().investigator,
                        body.append('}').toString());
    }

    private static String window(Instant now, Duration length) {
        return "\"from\":\"" + now.minus(length) + "\",\"to\":\"" + now + "\"";
    }

    private static String area(int radiusMeters) {
        return "\"area\":{\"latitude\":37.8,\"longitude\":-122.27,\"radiusMeters\":" + radiusMeters + "}";
    }

    /** A partial plate with {@code known} known characters: 7*2, 7*23, ... */
    private static String partial(int known) {
        return "7*" + "2345679".substring(0, known - 1);
    }

    private static void assertBroad(Api.Response r, String because) {
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        assertThat(r.json().get("status").asString()).isEqualTo("PENDING_APPROVAL");
        assertThat(r.json().get("broadBecause").toString()).contains(because);
    }
}
