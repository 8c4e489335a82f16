package org.platewatch.server.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.platewatch.server.sharing.SharingFixtures.agency;
import static org.platewatch.server.sharing.SharingFixtures.readIds;
import static org.platewatch.server.sharing.SharingFixtures.request;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.platewatch.server.hotlist.HotlistFixtures;
import org.platewatch.server.ingest.DeviceRegistry;
import org.platewatch.server.reads.ImageStore;
import org.platewatch.server.support.AdminSession;
import org.platewatch.server.support.Api;
import org.platewatch.server.support.PlatewatchServerTest;
import org.platewatch.server.support.TestDates;
import org.platewatch.server.users.PersonalTokens;
import org.platewatch.server.users.Role;
import org.platewatch.server.users.UserAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Release requests through the real server: the releases the law forbids are refused and audited whatever the
 * request says; an approved in-state release sends exactly the requested detections and stays on file; the member
 * who entered a request cannot decide it; others than administrators are refused; bad input names its field.
 */
@PlatewatchServerTest
class ReleaseApiTest {

    @LocalServerPort
    int port;

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

    Api api;
    SharingFixtures fixtures;
    String clerk;
    AdminSession approving;
    String approver;
    long berkeley;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new SharingFixtures(api, devices);
        clerk = member(Role.ADMINISTRATOR);
        approving = AdminSession.signIn(port, accounts, tokens, clock);
        approver = approving.token();
        berkeley = agency(api, clerk, "Berkeley Police Department", "LAW_ENFORCEMENT", "CA", false);
    }

    @Test
    void releasesTheLawForbidsAreRefusedAndAuditedWhateverTheRequestSays() {
        List<UUID> reads = fixtures.upload(now(), "7ABC123");
        long fbi = agency(api, clerk, "FBI San Francisco Field Office", "LAW_ENFORCEMENT", "CA", true);
        long reno = agency(api, clerk, "Reno Police Department", "LAW_ENFORCEMENT", "NV", false);
        Map<String, String[]> refused = new LinkedHashMap<>();
        refused.put("FEDERAL_AGENCY", new String[] {request(fbi, readIds(reads)), "agencyId"});
        refused.put("OUT_OF_STATE", new String[] {request(reno, readIds(reads)), "agencyId"});
        refused.put(
                "IMMIGRATION_ENFORCEMENT",
                new String[] {request(berkeley, "\"purpose\":\"IMMIGRATION_ENFORCEMENT\"", readIds(reads)), "purpose"});
        refused.put(
                "SALE", new String[] {request(berkeley, "\"paymentOffered\":true", readIds(reads)), "paymentOffered"});
        for (Map.Entry<String, String[]> c : refused.entrySet()) {
            Api.Response r = api.postJson("/api/v1/sharing/requests", clerk, c.getValue()[0]);
            assertThat(r.status()).as(c.getKey() + ": " + r.body()).isEqualTo(422);
            assertThat(r.json().get("type").asString()).isEqualTo("urn:platewatch:problem:release-forbidden");
            assertThat(r.json().get("field").asString()).isEqualTo(c.getValue()[1]);
            // the refused request rolled back; its refusal is on the audit log
            assertThat(jdbc.sql("SELECT count(*) FROM audit_events WHERE action = 'sharing.release-refused'"
                                    + " AND terms LIKE ? AND terms LIKE ? AND case_number = '26-1001'")
                            .params(
                                    "ground=" + c.getKey() + ";%",
                                    "%agency:"
                                            + List.of(fbi, reno, berkeley)
                                                    .get(
                                                            List.of("FEDERAL_AGENCY", "OUT_OF_STATE")
                                                                                    .indexOf(c.getKey())
                                                                            < 0
                                                                    ? 2
                                                                    : List.of("FEDERAL_AGENCY", "OUT_OF_STATE")
                                                                            .indexOf(c.getKey())))
                            .query(Integer.class)
                            .single())
                    .as(c.getKey())
                    .isEqualTo(1);
        }
        // the immigration screen reads the request's words, not only the purpose chosen
        Api.Response detainer = api.postJson(
                "/api/v1/sharing/requests",
                clerk,
                request(berkeley, "\"writtenRequest\":\"Locate the subject of an ICE detainer.\"", readIds(reads)));
        assertThat(detainer.status()).isEqualTo(422);
        assertThat(jdbc.sql("SELECT count(*) FROM release_requests WHERE agency_id IN (?, ?, ?)")
                        .params(fbi, reno, berkeley)
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void aFederalAgencyCannotBeRegisteredUnderALocalLabel() {
        Api.Response relabelled = api.postJson(
                "/api/v1/sharing/agencies",
                clerk,
                "{\"name\":\"U.S. Immigration and Customs Enforcement\",\"kind\":\"LAW_ENFORCEMENT\",\"state\":\"CA\","
                        + "\"federal\":false,\"contact\":\"sf@example.org\"}");
        assertProblem(relabelled, 400, "federal");
        Api.Response byAddress = api.postJson(
                "/api/v1/sharing/agencies",
                clerk,
                "{\"name\":\"Bay Task Force\",\"kind\":\"LAW_ENFORCEMENT\",\"state\":\"CA\",\"federal\":false,"
                        + "\"contact\":\"Agent Smith <jsmith@ice.dhs.gov>\"}");
        assertProblem(byAddress, 400, "federal");
        // nor relabelled afterwards: the register offers no edit, and the database refuses one
        assertThat(api.send(
                                HttpRequest.newBuilder(URI.create(
                                                "http://localhost:" + port + "/api/v1/sharing/agencies/" + berkeley))
                                        .header("Content-Type", "application/json")
                                        .PUT(HttpRequest.BodyPublishers.ofString("{\"federal\":true}")),
                                clerk)
                        .status())
                .isIn(404, 405);
        assertThatThrownBy(() -> jdbc.sql("UPDATE sharing_agencies SET state = 'CA' WHERE id = ?")
                        .param(berkeley)
                        .update())
                .hasStackTraceContaining("permission denied");
    }

    @Test
    void anApprovedInStateReleaseSendsExactlyTheRequestedDetectionsAndStaysOnFile() throws Exception {
        List<UUID> reads = fixtures.upload(now(), "7ABC123", "7ABC124", "8XYZ999");
        byte[] image = fixtures.attachImage(reads.get(0));
        List<UUID> asked = List.of(reads.get(0), reads.get(1));
        Api.Response entered = api.postJson("/api/v1/sharing/requests", clerk, request(berkeley, readIds(asked)));
        assertThat(entered.status()).as(entered.body()).isEqualTo(201);
        assertThat(entered.json().get("status").asString()).isEqualTo("PENDING");
        String id = entered.json().get("id").asString();

        // the member who entered it cannot approve it; the approver's personal token (stolen, say) cannot either
        Api.Response own = api.postJson("/api/v1/sharing/requests/" + id + "/approve", clerk, "{}");
        assertProblem(own, 403, null);
        assertThat(own.json().get("type").asString()).isEqualTo("urn:platewatch:problem:own-release-request");
        Api.Response byToken = api.postJson("/api/v1/sharing/requests/" + id + "/approve", approver, "{}");
        assertProblem(byToken, 403, "currentPassword");
        assertThat(byToken.json().get("type").asString()).isEqualTo("urn:platewatch:problem:reauthentication-required");
        assertThat(jdbc.sql("SELECT count(*) FROM release_decisions WHERE request_id = ?::uuid")
                        .param(id)
                        .query(Integer.class)
                        .single())
                .isZero();
        Api.Response approved = approving.postJson("/api/v1/sharing/requests/" + id + "/approve", "{}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        JsonNode view = approved.json();
        assertThat(view.get("status").asString()).isEqualTo("APPROVED");
        assertThat(view.get("release").get("detections").asInt()).isEqualTo(2);
        assertThat(view.get("release").get("images").asInt()).isEqualTo(1);
        assertProblem(
                api.postJson("/api/v1/sharing/requests/" + id + "/refuse", approver, "{\"note\":\"x\"}"), 409, null);

        HttpResponse<byte[]> zip = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://localhost:" + port + "/api/v1/sharing/requests/" + id + "/release.zip"))
                                .header("Authorization", "Bearer " + approver)
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(zip.statusCode()).isEqualTo(200);
        assertThat(zip.headers().firstValue("Content-Type").orElse("")).startsWith("application/zip");
        Map<String, byte[]> entries = unzip(zip.body());
        assertThat(entries.keySet())
                .containsExactly(
                        "detections.csv", "detections.json", "images/" + reads.get(0) + ".jpg", "manifest.json");
        String csv = new String(entries.get("detections.csv"), StandardCharsets.UTF_8);
        assertThat(csv.lines()).hasSize(3);
        assertThat(csv).contains(reads.get(0).toString(), reads.get(1).toString(), "7ABC123", "7ABC124");
        assertThat(csv).doesNotContain(reads.get(2).toString()).doesNotContain("8XYZ999");
        assertThat(entries.get("images/" + reads.get(0) + ".jpg")).isEqualTo(image);
        JsonNode json = Api.parse(new String(entries.get("detections.json"), StandardCharsets.UTF_8));
        assertThat(json.size()).isEqualTo(2);
        JsonNode manifest = Api.parse(new String(entries.get("manifest.json"), StandardCharsets.UTF_8));
        assertThat(manifest.get("files").size()).isEqualTo(3);
        for (JsonNode f : manifest.get("files")) {
            assertThat(ImageStore.sha256(entries.get(f.get("name").asString())))
                    .isEqualTo(f.get("sha256").asString());
        }

        // on file: the request, the decision, the ledger with what was sent, and the audit log
        String packageHash = view.get("release").get("packageSha256").asString();
        assertThat(packageHash).isEqualTo(sha256(zip.body()));
        assertThat(jdbc.sql("SELECT read_id FROM release_ledger_reads WHERE request_id = ?::uuid ORDER BY read_id")
                        .param(id)
                        .query(UUID.class)
                        .list())
                .containsExactlyInAnyOrderElementsOf(asked);
        assertThat(jdbc.sql("SELECT image_sha256 FROM release_ledger_reads WHERE request_id = ?::uuid"
                                + " AND image_sha256 IS NOT NULL")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo(ImageStore.sha256(image));
        // the token's attempt decided nothing and is on file as refused
        assertThat(auditActions(id))
                .containsExactly(
                        "sharing.request-entered",
                        "sharing.approval-refused",
                        "sharing.request-approved",
                        "sharing.release-downloaded");
        assertThat(jdbc.sql("SELECT username FROM audit_events WHERE action = 'sharing.request-approved'"
                                + " AND subject = ?")
                        .param("release-request:" + id)
                        .query(String.class)
                        .single())
                .startsWith("administrator-");
        Api.Response listed = api.get("/api/v1/sharing/requests", approver);
        assertThat(listed.body()).contains(id).contains(packageHash);
        // the ledger is append-only for the application
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM release_ledger_reads WHERE request_id = ?::uuid")
                        .param(id)
                        .update())
                .hasStackTraceContaining("permission denied");
        assertThatThrownBy(
                        () -> jdbc.sql("UPDATE release_decisions SET decided_by = 'someone' WHERE request_id = ?::uuid")
                                .param(id)
                                .update())
                .hasStackTraceContaining("permission denied");
    }

    @Test
    void criteriaAreFixedToReadIdsWhenTheRequestIsEntered() {
        Instant at = now();
        List<UUID> reads = fixtures.upload(at, "5KLM777", "5KLM777", "5KLM778");
        Api.Response entered = api.postJson(
                "/api/v1/sharing/requests",
                clerk,
                request(
                        berkeley,
                        "\"criteria\":{\"plate\":\"5klm 777\",\"from\":\"" + at.minusSeconds(3600) + "\",\"to\":\""
                                + at.plusSeconds(1) + "\"}"));
        assertThat(entered.status()).as(entered.body()).isEqualTo(201);
        assertThat(java.util.stream.StreamSupport.stream(
                                entered.json().get("readIds").spliterator(), false)
                        .map(JsonNode::asString)
                        .toList())
                .containsExactlyInAnyOrder(reads.get(0).toString(), reads.get(1).toString());
    }

    @Test
    void aPrivateRequestIsRecordedAndRoutedToTheRecordsPathNeverReleased() {
        List<UUID> reads = fixtures.upload(now(), "6DEF456");
        long insurer = agency(api, clerk, "Acme Insurance", "PRIVATE", "CA", false);
        Api.Response routed = api.postJson(
                "/api/v1/sharing/requests", clerk, request(insurer, "\"purpose\":\"OTHER\"", readIds(reads)));
        assertThat(routed.status()).as(routed.body()).isEqualTo(201);
        assertThat(routed.json().get("status").asString()).isEqualTo("ROUTED_TO_RECORDS");
        assertThat(routed.json().get("routedTo").asString()).isEqualTo("Custodian of Records");
        String id = routed.json().get("id").asString();
        assertProblem(api.postJson("/api/v1/sharing/requests/" + id + "/approve", approver, "{}"), 409, null);
        assertThat(auditActions(id)).containsExactly("sharing.request-routed");
    }

    @Test
    void aRefusalNeedsANoteAndIsFinal() {
        List<UUID> reads = fixtures.upload(now(), "6DEF457");
        String id = api.postJson("/api/v1/sharing/requests", clerk, request(berkeley, readIds(reads)))
                .json()
                .get("id")
                .asString();
        assertProblem(api.postJson("/api/v1/sharing/requests/" + id + "/refuse", approver, "{}"), 400, "note");
        Api.Response refused =
                api.postJson("/api/v1/sharing/requests/" + id + "/refuse", approver, "{\"note\":\"no case link\"}");
        assertThat(refused.json().get("status").asString()).isEqualTo("REFUSED");
        assertProblem(api.postJson("/api/v1/sharing/requests/" + id + "/approve", approver, "{}"), 409, null);
        assertThat(auditActions(id)).containsExactly("sharing.request-entered", "sharing.request-refused");
    }

    @Test
    void onlyAdministratorsReachSharingAndTheirStolenTokensStillMeetTheRule() {
        String device = fixtures.unit;
        for (String other : List.of(member(Role.OFFICER), member(Role.AUDITOR), member(Role.SUPERVISOR), device)) {
            assertProblem(api.get("/api/v1/sharing/agencies", other), 403, null);
            assertProblem(api.get("/api/v1/sharing/requests", other), 403, null);
            assertProblem(api.get("/api/v1/sharing/agreements", other), 403, null);
            assertProblem(api.get("/api/v1/breaches", other), 403, null);
            assertProblem(
                    api.postJson(
                            "/api/v1/sharing/requests", other, request(berkeley, readIds(List.of(UUID.randomUUID())))),
                    403,
                    null);
            assertProblem(
                    api.postJson(
                            "/api/v1/sharing/agencies",
                            other,
                            "{\"name\":\"X\",\"kind\":\"PRIVATE\",\"state\":\"CA\",\"federal\":false,\"contact\":\"x\"}"),
                    403,
                    null);
        }
        assertThat(api.get("/api/v1/sharing/agencies", null).status()).isEqualTo(401);
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        List<UUID> reads = fixtures.upload(now(), "6DEF458");
        String ids = readIds(reads);
        assertProblem(
                api.postJson(
                        "/api/v1/sharing/requests",
                        clerk,
                        request(berkeley, ids).replace("\"caseNumber\":\"26-1001\"", "\"caseNumber\":\" \"")),
                400,
                "caseNumber");
        assertProblem(
                api.postJson("/api/v1/sharing/requests", clerk, request(berkeley, "\"purpose\":\"CURIOSITY\"", ids)),
                400,
                "purpose");
        // a forged agency id and a forged read id are not facts
        assertProblem(api.postJson("/api/v1/sharing/requests", clerk, request(987_654, ids)), 400, "agencyId");
        assertProblem(
                api.postJson(
                        "/api/v1/sharing/requests",
                        clerk,
                        request(berkeley, readIds(List.of(reads.get(0), UUID.randomUUID())))),
                400,
                "readIds[1]");
        assertProblem(
                api.postJson(
                        "/api/v1/sharing/requests", clerk, request(berkeley, "\"readIds\":[\"../../etc/passwd\"]")),
                400,
                "readIds[0]");
        assertProblem(
                api.postJson(
                        "/api/v1/sharing/requests",
                        clerk,
                        request(berkeley, "\"readIds\":[\"" + reads.get(0) + "\",\"" + reads.get(0) + "\"]")),
                400,
                "readIds[1]");
        assertProblem(api.postJson("/api/v1/sharing/requests", clerk, request(berkeley)), 400, "readIds");
        assertProblem(
                api.postJson(
                        "/api/v1/sharing/requests",
                        clerk,
                        request(
                                berkeley,
                                "\"writtenRequestDocument\":\"bm90IGEgcGRm\"",
                                "\"writtenRequestDocumentType\":\"application/pdf\"",
                                ids)),
                400,
                "writtenRequestDocument");
        assertProblem(
                api.postJson(
                        "/api/v1/sharing/agencies",
                        clerk,
                        "{\"name\":\"Davis PD\",\"kind\":\"LAW_ENFORCEMENT\",\"state\":\"California\",\"federal\":false,"
                                + "\"contact\":\"x\"}"),
                400,
                "state");
        assertProblem(
                api.postJson(
                        "/api/v1/sharing/agencies",
                        clerk,
                        "{\"name\":\"Davis PD\",\"kind\":\"LAW_ENFORCEMENT\",\"state\":\"CA\",\"contact\":\"x\"}"),
                400,
                "federal");
        assertProblem(
                api.postJson(
                        "/api/v1/sharing/agreements",
                        clerk,
                        "{\"agencyId\":" + berkeley + ",\"mouDate\":\"2026-02-30\",\"scope\":\"x\"}"),
                400,
                "mouDate");
        assertThat(jdbc.sql("SELECT count(*) FROM release_requests WHERE agency_id = ?")
                        .param(berkeley)
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void everyChangeOfAnAgreementIsAuditedWithWhoAndWhen() {
        Api.Response made = api.postJson(
                "/api/v1/sharing/agreements",
                clerk,
                "{\"agencyId\":" + berkeley + ",\"mouDate\":\"2026-01-15\",\"scope\":\"stolen vehicles\","
                        + "\"endsOn\":\"2027-01-14\"}");
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        long id = made.json().get("id").asLong();
        Api.Response changed = api.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/sharing/agreements/" + id))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"agencyId\":" + berkeley
                                + ",\"mouDate\":\"2026-01-15\",\"scope\":\"all reads\",\"endsOn\":\"2028-01-14\"}")),
                approver);
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("changedBy").asString()).isNotBlank();
        Api.Response withdrawn = api.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/sharing/agreements/" + id))
                        .DELETE(),
                clerk);
        assertThat(withdrawn.json().get("withdrawnAt").isNull()).isFalse();
        List<Map<String, Object>> rows = jdbc.sql("SELECT action, username, occurred_at, terms FROM audit_events"
                        + " WHERE subject = ? ORDER BY id")
                .param("agreement:" + id)
                .query()
                .listOfRows();
        assertThat(rows)
                .extracting(r -> r.get("action"))
                .containsExactly(
                        "sharing.agreement-recorded", "sharing.agreement-changed", "sharing.agreement-withdrawn");
        assertThat((String) rows.get(1).get("terms"))
                .contains("scope=stolen vehicles -> ")
                .contains("scope=all reads");
        assertThat(rows).allSatisfy(r -> assertThat(r.get("occurred_at")).isNotNull());
        assertThat(rows.get(1).get("username")).isNotEqualTo(rows.get(0).get("username"));
        assertThat(api.get("/api/v1/sharing/agreements", clerk).body()).contains("all reads");
    }

    private List<String> auditActions(String requestId) {
        return jdbc.sql("SELECT action FROM audit_events WHERE subject = ? ORDER BY id")
                .param("release-request:" + requestId)
                .query(String.class)
                .list();
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                assertThat(e.getName()).doesNotContain("..").doesNotStartWith("/");
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static void assertProblem(Api.Response r, int status, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.isProblem()).as(r.contentType()).isTrue();
        if (field != null) {
            assertThat(r.json().get("field").asString()).as(r.body()).isEqualTo(field);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private String member(Role role) {
        return HotlistFixtures.member(accounts, tokens, role, false, TestDates.trainedRecently());
    }
}
