package org.platewatch.server.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.platewatch.server.policy.SeedProfileServer.assertProblem;

import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.platewatch.server.policy.EnforcedProfiles.Setting;
import org.platewatch.server.support.AdminSession;
import org.platewatch.server.support.Api;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sharing settings the release path reads, each enforced with the profile's value on the running server: the
 * warrant number (sb274: nothing leaves the department without one) and the regional centre (San Leandro: NCRIC).
 */
interface SharingSettingsEnforced {

    /** The running server. */
    SeedProfileServer server();

    /** The profile under test, after checking that the running server has its value for {@code setting}. */
    DepartmentProfile profile(String name, Setting setting);

    String WARRANT = "SW-26-0417";
    JsonMapper JSON = JsonMapper.builder().build();

    @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
    @MethodSource("forWarrant")
    default void aReleaseLeavesTheDepartmentWithAWarrantNumberWherePolicyRequiresOne(String name) {
        boolean required = profile(name, Setting.WARRANT_REQUIRED).sharing().warrantRequired();
        SeedProfileServer s = server();
        AdminSession approving = s.adminSession();
        String form = approving.session().get("/sharing/requests").body();
        long agency = agency("Berkeley Police Department " + SeedProfileServer.suffix(), "LAW_ENFORCEMENT");
        UUID read = s.read(SeedProfileServer.plate());
        Api.Response bare = enter(request(agency, read, null));
        if (required) {
            assertThat(form).as("the console's form asks for it").contains("name=\"warrantNumber\"");
            assertProblem(bare, 400, "invalid-field", "warrantNumber");
            assertThat(requestsOf(agency))
                    .as("nothing of the refused request is on file")
                    .isZero();
            String withWarrant = approve(approving, enter(request(agency, read, WARRANT)), WARRANT);
            String manifest = s.jdbc.sql("SELECT manifest FROM release_ledger WHERE request_id = ?::uuid")
                    .param(withWarrant)
                    .query(String.class)
                    .single();
            assertThat(JSON.readTree(manifest).get("warrantNumber").asString())
                    .as("the release package's manifest")
                    .isEqualTo(WARRANT);
            assertThat(s.api.get("/api/v1/sharing/requests/" + withWarrant + "/release.zip", approving.token())
                            .status())
                    .as("the package is rebuilt as sent, warrant and all")
                    .isEqualTo(200);
            assertThat(s.jdbc.sql("SELECT terms FROM audit_events WHERE action = 'sharing.request-approved'"
                                    + " AND subject = ?")
                            .param("release-request:" + withWarrant)
                            .query(String.class)
                            .single())
                    .contains("warrant=" + WARRANT);
            // A request on file without one (entered before the profile asked) is not approved under it.
            String old = withoutWarrantOnFile(withWarrant);
            Api.Response refused = s.adminSession().postJson("/api/v1/sharing/requests/" + old + "/approve", "{}");
            assertProblem(refused, 400, "invalid-field", "warrantNumber");
            assertThat(s.audited("sharing.approval-refused", "release-request:" + old))
                    .isEqualTo(1);
            assertThat(s.api.get("/api/v1/sharing/requests/" + old, s.admin)
                            .json()
                            .get("status")
                            .asString())
                    .isEqualTo("PENDING");
        } else {
            assertThat(form).as("the console's form does not ask").doesNotContain("name=\"warrantNumber\"");
            assertThat(bare.status()).as(bare.body()).isEqualTo(201);
            assertThat(bare.json().get("status").asString()).isEqualTo("PENDING");
            approve(approving, bare, null);
        }
    }

    @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
    @MethodSource("forRegionalCentre")
    default void aRegionalCentreReceivesOnlyWhereThePolicyNamesOneAndUnderItsAgreement(String name) {
        SharingRules rules = profile(name, Setting.REGIONAL_CENTRE).sharing();
        SeedProfileServer s = server();
        long ncric = agency(
                "Northern California Regional Intelligence Center " + SeedProfileServer.suffix(), "REGIONAL_CENTRE");
        UUID read = s.read(SeedProfileServer.plate());
        // a warrant number always, so that only the regional centre decides here
        if (rules.hasRegionalCentre()) {
            Api.Response noAgreement = enter(request(ncric, read, WARRANT));
            assertForbidden(noAgreement, ncric, "NO_AGREEMENT_IN_FORCE");
            assertThat(noAgreement.json().get("detail").asString()).contains(rules.regionalCentre());
        }
        LocalDate today = LocalDate.now(s.clock.withZone(s.running.zone()));
        Api.Response agreement = s.api.postJson(
                "/api/v1/sharing/agreements",
                s.admin,
                "{\"agencyId\":" + ncric + ",\"mouDate\":\"" + today.minusDays(30) + "\",\"scope\":\"ALPR data\","
                        + "\"endsOn\":\"" + today.plusYears(1) + "\"}");
        assertThat(agreement.status()).as(agreement.body()).isEqualTo(201);
        Api.Response entered = enter(request(ncric, read, WARRANT));
        if (rules.hasRegionalCentre()) {
            assertThat(entered.status()).as(entered.body()).isEqualTo(201);
            assertThat(entered.json().get("status").asString()).isEqualTo("PENDING");
        } else {
            assertForbidden(entered, ncric, "NOT_A_PROFILE_RECIPIENT");
            assertThat(entered.json().get("detail").asString()).contains("names no regional centre");
        }
    }

    // ---- helpers ----

    private long agency(String name, String kind) {
        Api.Response r = server().api
                .postJson(
                        "/api/v1/sharing/agencies",
                        server().admin,
                        "{\"name\":\"" + name + "\",\"kind\":\"" + kind + "\",\"state\":\"CA\",\"federal\":false,"
                                + "\"contact\":\"records@example.org\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    private static String request(long agency, UUID read, String warrant) {
        return "{\"agencyId\":" + agency + ",\"requesterName\":\"Det. Ana Ruiz\",\"requesterContact\":"
                + "\"aruiz@example.org\",\"caseNumber\":\"26-1001\",\"purpose\":\"LAW_ENFORCEMENT\","
                + "\"writtenRequest\":\"Reads of the suspect vehicle in the armed robbery of 3 March.\","
                + (warrant == null ? "" : "\"warrantNumber\":\"" + warrant + "\",")
                + "\"readIds\":[\"" + read + "\"]}";
    }

    /** Entered by the server's administrator, so that the signed-in one may decide it. */
    private Api.Response enter(String body) {
        return server().api.postJson("/api/v1/sharing/requests", server().admin, body);
    }

    /** Approves the entered request, after checking it holds {@code warrant} (null: none). */
    private static String approve(AdminSession approving, Api.Response entered, String warrant) {
        assertThat(entered.status()).as(entered.body()).isEqualTo(201);
        String id = entered.json().get("id").asString();
        JsonNode given = entered.json().get("warrantNumber");
        assertThat(given == null || given.isNull() ? null : given.asString())
                .as("recorded on the request")
                .isEqualTo(warrant);
        Api.Response approved = approving.postJson("/api/v1/sharing/requests/" + id + "/approve", "{}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().get("status").asString()).isEqualTo("APPROVED");
        return id;
    }

    private long requestsOf(long agency) {
        return server().jdbc
                .sql("SELECT count(*) FROM release_requests WHERE agency_id = ?")
                .param(agency)
                .query(Long.class)
                .single();
    }

    /** A copy of the request on file with no warrant number, as one entered before the profile asked for it. */
    private String withoutWarrantOnFile(String requestId) {
        UUID id = UUID.randomUUID();
        server().jdbc
                .sql("INSERT INTO release_requests (id, agency_id, requester_name, requester_contact,"
                        + " case_number, purpose, warrant_number, written_request, route, entered_by, entered_at)"
                        + " SELECT ?, agency_id, requester_name, requester_contact, case_number, purpose, NULL,"
                        + " written_request, route, entered_by, entered_at FROM release_requests WHERE id = ?::uuid")
                .params(id, requestId)
                .update();
        server().jdbc
                .sql("INSERT INTO release_request_reads (request_id, read_id)"
                        + " SELECT ?, read_id FROM release_request_reads WHERE request_id = ?::uuid")
                .params(id, requestId)
                .update();
        return id.toString();
    }

    private void assertForbidden(Api.Response r, long agency, String ground) {
        assertProblem(r, 422, "release-forbidden", "agencyId");
        assertThat(server().jdbc
                        .sql("SELECT count(*) FROM audit_events WHERE action = 'sharing.release-refused'"
                                + " AND terms LIKE ?")
                        .param("ground=" + ground + ";%agency:" + agency)
                        .query(Long.class)
                        .single())
                .as("the refusal is audited")
                .isEqualTo(1);
    }
}
