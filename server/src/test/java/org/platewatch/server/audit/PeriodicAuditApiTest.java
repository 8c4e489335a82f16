package org.platewatch.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.platewatch.server.ingest.DeviceRegistry;
import org.platewatch.server.support.Api;
import org.platewatch.server.support.MutableClock;
import org.platewatch.server.support.PlatewatchServerTest;
import org.platewatch.server.users.PersonalTokens;
import org.platewatch.server.users.Role;
import org.platewatch.server.users.UserAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Vallejo's periodic audit through the HTTP API on the real PostgreSQL: due once per calendar year, a random sample
 * of at least 10 searches from the preceding six months (none from outside), each marked with a note, the data held
 * past six months with its hold, the corrections of the period, and the memorandum it ends in (HTML and PDF, stored
 * with their SHA-256, listed and audited). And who may not.
 */
@PlatewatchServerTest
@TestPropertySource(properties = {"platewatch.policy.profile=vallejo", "platewatch.policy.implemented-on=2025-01-15"})
class PeriodicAuditApiTest {

    private static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");

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
    AuditFixtures fixtures;
    String auditor;
    String administrator;
    String investigator;
    String officer;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new AuditFixtures(api, accounts, tokens, devices, jdbc);
        auditor = fixtures.member(Role.AUDITOR);
        administrator = fixtures.member(Role.ADMINISTRATOR);
        investigator = fixtures.member(Role.INVESTIGATOR);
        officer = fixtures.member(Role.OFFICER);
    }

    @AfterEach
    void resetClock() {
        ((MutableClock) clock).reset();
    }

    @Test
    void anAuditorWalksADueAuditFromItsSampleToTheFiledMemorandum() throws Exception {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        // never audited since 2025-01-15: due by the end of 2025, so overdue now
        JsonNode due = api.get("/api/v1/audits/due", auditor).json();
        assertThat(due.get("dueOn").asString()).isEqualTo("2025-12-31");
        assertThat(due.get("status").asString()).isEqualTo("OVERDUE");
        assertThat(due.get("sampleSize").asInt()).isEqualTo(10);

        // 12 searches in the preceding six months, 3 older: the sample takes 10, only from the 12
        Set<UUID> recent = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            String caseNumber = "24-R" + (100 + i);
            UUID id = fixtures.search(investigator, caseNumber, "7AUD" + (100 + i));
            fixtures.made(id, now.minus(Duration.ofDays(10 + 13L * i)));
            recent.add(id);
        }
        Set<UUID> older = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            UUID id = fixtures.search(investigator, "24-OLD" + i, "7OLD" + (100 + i));
            fixtures.made(
                    id,
                    ZonedDateTime.ofInstant(now, ZONE)
                            .minusMonths(6)
                            .minusDays(1 + i)
                            .toInstant());
            older.add(id);
        }

        // data past six months: one moved out of its purged day, one still in its day, each with its hold
        UUID stillStored = fixtures.oldDetection(LocalDate.now(ZONE).minusMonths(7));
        long hold = fixtures.hold("24-HOLD-7", "homicide investigation, evidence", stillStored);
        // a data error, corrected by an administrator
        UUID misread = fixtures.upload("7ABO123", now.minusSeconds(600));
        Api.Response corrected = api.postJson(
                "/api/v1/reads/" + misread + "/corrections",
                administrator,
                "{\"plate\":\"7AB0123\",\"state\":\"CA\",\"reason\":\"O read for 0, checked on the image\"}");
        assertThat(corrected.status()).as(corrected.body()).isEqualTo(201);

        Api.Response started = api.postJson("/api/v1/audits", auditor, "");
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        JsonNode audit = started.json();
        String id = audit.get("id").asString();
        assertThat(audit.get("population").asInt()).isEqualTo(12);
        List<JsonNode> sample = list(audit.get("sample"));
        assertThat(sample).hasSize(10);
        Set<UUID> sampled = new HashSet<>();
        for (JsonNode s : sample) {
            UUID searchId = UUID.fromString(s.get("searchId").asString());
            sampled.add(searchId);
            assertThat(s.get("caseNumber").asString()).startsWith("24-R");
            assertThat(s.get("purpose").asString()).isEqualTo("STOLEN_VEHICLE");
            assertThat(s.get("reason").asString()).isEqualTo("stolen vehicle report");
            assertThat(s.get("criteria").get("plate").asString()).startsWith("7AUD");
            assertThat(s.get("requestedBy").asString()).isEqualTo("Test Investigator");
            assertThat(s.get("resultCount").asInt()).isZero();
            assertThat(s.get("compliant").isNull()).isTrue();
        }
        assertThat(recent).containsAll(sampled);
        assertThat(sampled).doesNotContainAnyElementsOf(older).hasSize(10);
        assertThat(list(audit.get("longHeld"))).anySatisfy(h -> {
            assertThat(h.get("readId").asString()).isEqualTo(stillStored.toString());
            assertThat(h.get("holdId").asLong()).isEqualTo(hold);
            assertThat(h.get("caseNumber").asString()).isEqualTo("24-HOLD-7");
        });
        assertThat(list(audit.get("corrections")))
                .anySatisfy(c -> assertThat(c.get("readId").asString()).isEqualTo(misread.toString()));
        assertThat(auditEvents("periodic-audit.started", "periodic-audit:" + id))
                .isEqualTo(1);

        // one audit at a time; not completed while a search is unmarked
        assertThat(api.postJson("/api/v1/audits", administrator, "").status()).isEqualTo(409);
        assertThat(api.postJson("/api/v1/audits/" + id + "/complete", auditor, "")
                        .status())
                .isEqualTo(409);

        // the findings' refusals: a search outside the sample, a huge note, "not compliant" without a note
        UUID first = UUID.fromString(sample.get(0).get("searchId").asString());
        assertRefused(mark(auditor, id, older.iterator().next(), true, "ok"), 400, "searchId");
        assertRefused(mark(auditor, id, first, true, "x".repeat(PeriodicAudits.MAX_NOTE + 1)), 400, "note");
        assertRefused(mark(auditor, id, first, false, " "), 400, "note");
        assertThat(mark(officer, id, first, true, "ok").status()).isEqualTo(403);
        assertThat(mark(fixtures.unit, id, first, true, "ok").status()).isEqualTo(403);

        String failedCase = sample.get(0).get("caseNumber").asString();
        assertThat(mark(auditor, id, first, false, "reason too vague").status()).isEqualTo(200);
        for (JsonNode s : sample.subList(1, sample.size())) {
            UUID searchId = UUID.fromString(s.get("searchId").asString());
            assertThat(mark(auditor, id, searchId, true, "").status()).isEqualTo(200);
        }

        Api.Response completed = api.postJson("/api/v1/audits/" + id + "/complete", auditor, "");
        assertThat(completed.status()).as(completed.body()).isEqualTo(200);
        assertThat(completed.json().get("compliant").asInt()).isEqualTo(9);
        String pdfSha = completed.json().get("reportPdfSha256").asString();
        // filed: no more findings, no second completion
        assertThat(mark(auditor, id, first, true, "changed my mind").status()).isEqualTo(409);
        assertThat(api.postJson("/api/v1/audits/" + id + "/complete", auditor, "")
                        .status())
                .isEqualTo(409);

        // listed, with the report's links and its hash; the completion and each reading audited
        JsonNode listed = list(api.get("/api/v1/audits", auditor).json()).stream()
                .filter(a -> a.get("id").asString().equals(id))
                .findFirst()
                .orElseThrow();
        assertThat(listed.get("reportPdf").asString()).isEqualTo("/api/v1/audits/" + id + "/report.pdf");
        assertThat(listed.get("reportPdfSha256").asString()).isEqualTo(pdfSha);
        assertThat(jdbc.sql("SELECT terms FROM audit_events WHERE action = 'periodic-audit.completed' AND subject = ?")
                        .param("periodic-audit:" + id)
                        .query(String.class)
                        .single())
                .contains(pdfSha);

        HttpResponse<byte[]> pdf = bytes("/api/v1/audits/" + id + "/report.pdf", administrator);
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).contains("application/pdf");
        assertThat(AuditFixtures.sha256(pdf.body())).isEqualTo(pdfSha);
        String text;
        try (PDDocument doc = Loader.loadPDF(pdf.body())) {
            // lines wrap where the page ends them: compare words, not line breaks
            text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
        assertThat(text)
                .contains("Memorandum")
                .contains("To: Chief of Police")
                .contains("From: Professional Standards Division Lieutenant")
                .contains("9 of 10 sampled searches met the policy's requirements")
                .contains("reason too vague")
                .contains(failedCase + ": not compliant")
                .contains("24-HOLD-7")
                .contains("filed and retained by the Professional Standards Division");
        for (JsonNode s : sample) {
            assertThat(text).contains("Case " + s.get("caseNumber").asString());
        }
        String html = api.get("/api/v1/audits/" + id + "/report.html", auditor).body();
        assertThat(html)
                .contains("reason too vague")
                .contains("To</dt><dd>Chief of Police")
                .contains(misread.toString());
        assertThat(auditEvents("periodic-audit.report-read", "periodic-audit:" + id))
                .isEqualTo(2);

        // the next is due by the end of next year; it shows as due in December, overdue after it
        int year = LocalDate.now(ZONE).getYear();
        JsonNode next = api.get("/api/v1/audits/due", auditor).json();
        assertThat(next.get("dueOn").asString()).isEqualTo((year + 1) + "-12-31");
        assertThat(next.get("status").asString()).isEqualTo("NOT_YET");
        moveTo(LocalDate.of(year + 1, 12, 15));
        // a token lives less than a year: the auditor of next December has a new one
        assertThat(api.get("/api/v1/audits/due", fixtures.member(Role.AUDITOR))
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("DUE");
        moveTo(LocalDate.of(year + 2, 1, 1));
        assertThat(api.get("/api/v1/audits/due", fixtures.member(Role.AUDITOR))
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("OVERDUE");
    }

    @Test
    void anOfficerOrADeviceCannotSeeStartOrReadAudits() {
        for (String token : List.of(officer, investigator, fixtures.unit)) {
            assertThat(api.get("/api/v1/audits/due", token).status()).isEqualTo(403);
            assertThat(api.get("/api/v1/audits", token).status()).isEqualTo(403);
            assertThat(api.postJson("/api/v1/audits", token, "").status()).isEqualTo(403);
            assertThat(api.get("/api/v1/corrections", token).status()).isEqualTo(403);
        }
        assertThat(api.get("/api/v1/audits/due", null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/audits/" + UUID.randomUUID(), auditor).status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/audits/" + UUID.randomUUID() + "/report.pdf", auditor)
                        .status())
                .isEqualTo(404);
    }

    private void moveTo(LocalDate day) {
        MutableClock c = (MutableClock) clock;
        c.reset();
        c.advance(Duration.between(Instant.now(), day.atTime(12, 0).atZone(ZONE).toInstant()));
    }

    private Api.Response mark(String token, String audit, UUID search, boolean compliant, String note) {
        return api.postJson(
                "/api/v1/audits/" + audit + "/findings",
                token,
                "{\"searchId\":\"" + search + "\",\"compliant\":" + compliant + ",\"note\":\"" + note + "\"}");
    }

    private static void assertRefused(Api.Response r, int status, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.isProblem()).isTrue();
        assertThat(r.json().get("field").asString()).isEqualTo(field);
    }

    private int auditEvents(String action, String subject) {
        return jdbc.sql("SELECT count(*) FROM audit_events WHERE action = ? AND subject = ?")
                .params(action, subject)
                .query(Integer.class)
                .single();
    }

    private HttpResponse<byte[]> bytes(String path, String token) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .header("Authorization", "Bearer " + token)
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
    }

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }
}
