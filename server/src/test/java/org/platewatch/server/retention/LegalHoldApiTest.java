package org.platewatch.server.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.platewatch.server.ingest.DeviceRegistry;
import org.platewatch.server.policy.DepartmentProfile;
import org.platewatch.server.policy.PurgeCalendar;
import org.platewatch.server.reads.ImageStore;
import org.platewatch.server.retention.HoldFixtures.Caller;
import org.platewatch.server.support.Api;
import org.platewatch.server.support.MutableClock;
import org.platewatch.server.support.PlatewatchServerTest;
import org.platewatch.server.users.PersonalTokens;
import org.platewatch.server.users.Role;
import org.platewatch.server.users.UserAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Legal holds through the real server on PostgreSQL: who may place, approve, reject, release and see one; what a
 * request may name; a held detection outliving its day's purge and going at the release; every step in the audit
 * log.
 */
@PlatewatchServerTest
class LegalHoldApiTest {

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

    @Autowired
    ImageStore images;

    @Autowired
    PurgeSchedule schedule;

    @Autowired
    DepartmentProfile profile;

    @Autowired
    @Qualifier("schemaOwnerDataSource")
    DataSource owner;

    Api api;
    HoldFixtures holds;
    RetentionFixtures fixtures;
    Caller investigator;
    Caller supervisor;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        holds = new HoldFixtures(port, accounts, tokens);
        fixtures = new RetentionFixtures(jdbc, (MutableClock) clock, owner);
        investigator = holds.member(Role.INVESTIGATOR);
        supervisor = holds.member(Role.SUPERVISOR);
    }

    @AfterEach
    void restore() {
        ((MutableClock) clock).reset();
    }

    @Test
    void aHoldRequestThatNamesNothingValidIsRefusedAndNothingIsWritten() {
        List<UUID> stored = fixtures.insertReads(HoldFixtures.camera(devices), today(), 2);
        long before = holdCount();

        refused(
                holds.post(investigator, "/api/v1/holds", HoldFixtures.body(null, "a reason", stored)),
                400,
                "caseNumber");
        refused(holds.post(investigator, "/api/v1/holds", HoldFixtures.body("24-1", " ", stored)), 400, "reason");
        refused(
                holds.post(investigator, "/api/v1/holds", HoldFixtures.body("24-1", "a reason", List.of())),
                400,
                "readIds");
        refused(
                holds.post(investigator, "/api/v1/holds", "{\"caseNumber\":\"24-1\",\"reason\":\"r\"}"),
                400,
                "readIds");
        Api.Response bad = holds.post(
                investigator,
                "/api/v1/holds",
                "{\"caseNumber\":\"24-1\",\"reason\":\"r\",\"readIds\":[\"" + stored.get(0) + "\",\"not-an-id\"]}");
        refused(bad, 400, "readIds");
        assertThat(bad.body()).contains("not-an-id");

        UUID unknown1 = UUID.randomUUID();
        UUID unknown2 = UUID.randomUUID();
        Api.Response unknown = holds.hold(investigator, List.of(stored.get(0), unknown1, stored.get(1), unknown2));
        refused(unknown, 400, "readIds");
        assertThat(unknown.json().get("type").asString()).endsWith("unknown-reads");
        assertThat(unknown.body())
                .contains(unknown1.toString(), unknown2.toString())
                .doesNotContain(stored.get(0).toString());

        // 50,001 ids: refused by count, before a single id is looked up (the body is under the 2 MB limit)
        List<UUID> huge = new ArrayList<>();
        for (int i = 0; i <= HoldRequestValidator.MAX_READS; i++) {
            huge.add(UUID.randomUUID());
        }
        Api.Response tooMany = holds.hold(investigator, huge);
        refused(tooMany, 400, "readIds");
        assertThat(tooMany.body()).contains("at most 50000");

        // both ways at once, and a malformed search id
        refused(
                holds.post(
                        investigator,
                        "/api/v1/holds",
                        "{\"caseNumber\":\"24-1\",\"reason\":\"r\",\"readIds\":[\"" + stored.get(0)
                                + "\"],\"searchId\":\"" + UUID.randomUUID() + "\"}"),
                400,
                "readIds");
        refused(
                holds.post(
                        investigator, "/api/v1/holds", "{\"caseNumber\":\"24-1\",\"reason\":\"r\",\"searchId\":\"x\"}"),
                400,
                "searchId");
        refused(holds.post(investigator, "/api/v1/holds", "[1,2"), 400, null);

        // an auditor and a device never place one; nor does a patrol officer, who may search
        refused(holds.hold(holds.member(Role.AUDITOR), stored), 403, null);
        refused(holds.hold(holds.member(Role.OFFICER), stored), 403, null);
        refused(
                api.postJson("/api/v1/holds", HoldFixtures.unit(devices), HoldFixtures.body("24-1", "r", stored)),
                403,
                null);
        assertThat(holdCount()).isEqualTo(before);
    }

    @Test
    void aSupervisorWhoDidNotPlaceItApprovesOrRejectsItAndEveryStepIsAudited() {
        List<UUID> reads = fixtures.insertReads(HoldFixtures.camera(devices), today(), 2);
        long hold = holds.placed(investigator, reads);
        assertThat(api.get("/api/v1/holds/" + hold, investigator.token())
                        .json()
                        .get("hold")
                        .get("status")
                        .asString())
                .isEqualTo("PENDING_APPROVAL");

        // an investigator cannot approve; a supervisor cannot approve their own hold
        refused(holds.post(investigator, "/api/v1/holds/" + hold + "/approve", "{}"), 403, null);
        long own = holds.placed(supervisor, reads);
        Api.Response ownApproval = holds.post(supervisor, "/api/v1/holds/" + own + "/approve", "{}");
        refused(ownApproval, 403, null);
        assertThat(ownApproval.json().get("type").asString()).endsWith("own-hold");
        refused(holds.post(supervisor, "/api/v1/holds/" + own + "/reject", "{\"note\":\"mine\"}"), 403, null);

        // another member's hold is not shown to an investigator; a supervisor sees every hold
        Caller other = holds.member(Role.INVESTIGATOR);
        refused(api.get("/api/v1/holds/" + hold, other.token()), 403, null);
        assertThat(api.get("/api/v1/holds", other.token()).body()).doesNotContain("\"id\":" + hold + ",");
        assertThat(api.get("/api/v1/holds", supervisor.token()).body()).contains("\"id\":" + hold + ",");
        refused(api.get("/api/v1/holds", holds.member(Role.AUDITOR).token()), 403, null);

        Api.Response approved = holds.post(supervisor, "/api/v1/holds/" + hold + "/approve", "{\"note\":\"order 7\"}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().get("status").asString()).isEqualTo("APPROVED");
        assertThat(approved.json().get("approvedBy").asString()).isEqualTo(supervisor.username());
        refused(
                holds.post(holds.member(Role.SUPERVISOR), "/api/v1/holds/" + hold + "/reject", "{\"note\":\"n\"}"),
                409,
                null);

        // a rejection needs a note; then the hold stops protecting
        Caller second = holds.member(Role.SUPERVISOR);
        refused(holds.post(second, "/api/v1/holds/" + own + "/reject", "{}"), 400, "note");
        Api.Response rejected = holds.post(second, "/api/v1/holds/" + own + "/reject", "{\"note\":\"no case\"}");
        assertThat(rejected.json().get("status").asString()).as(rejected.body()).isEqualTo("REJECTED");
        refused(holds.post(second, "/api/v1/holds/" + own + "/release", "{\"reason\":\"x\"}"), 409, null);

        // a release needs a reason, and a supervisor
        refused(holds.post(investigator, "/api/v1/holds/" + hold + "/release", "{\"reason\":\"done\"}"), 403, null);
        refused(holds.post(supervisor, "/api/v1/holds/" + hold + "/release", "{}"), 400, "reason");
        Api.Response released =
                holds.post(supervisor, "/api/v1/holds/" + hold + "/release", "{\"reason\":\"case closed\"}");
        assertThat(released.json().get("status").asString()).as(released.body()).isEqualTo("RELEASED");

        assertThat(audit("hold:" + hold))
                .containsExactly(
                        "hold.placed " + investigator.username() + " 24-000777",
                        "hold.viewed " + investigator.username() + " 24-000777",
                        "hold.approved " + supervisor.username() + " 24-000777",
                        "hold.released " + supervisor.username() + " 24-000777");
        assertThat(audit("hold:" + own)).contains("hold.rejected " + second.username() + " 24-000777");
        assertThat(refusedFlips()).isZero();
    }

    @Test
    void aHoldOnASearchNamesItsFullResultSetOnlyForTheMemberWhoRanIt() {
        String plate = "8HLD" + (100 + (int) (Math.random() * 800));
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String unit = HoldFixtures.unit(devices);
        List<UUID> ids = List.of(UUID.randomUUID(), UUID.randomUUID());
        Api.Response up = api.postJson(
                "/api/v1/reads",
                unit,
                "{\"reads\":[" + HoldFixtures.read(ids.get(0), plate, now.minusSeconds(300)) + ","
                        + HoldFixtures.read(ids.get(1), plate, now.minusSeconds(200)) + "]}");
        assertThat(up.status()).as(up.body()).isIn(200, 201);
        Api.Response search = api.postJson(
                "/api/v1/searches",
                investigator.token(),
                "{\"caseNumber\":\"24-5150\",\"purpose\":\"CRIME_INVESTIGATION\",\"reason\":\"hit and run suspect\","
                        + "\"plate\":\"" + plate + "\"}");
        assertThat(search.status()).as(search.body()).isEqualTo(201);
        String searchId = search.json().get("id").asString();
        String body =
                "{\"caseNumber\":\"24-5150\",\"reason\":\"preservation order\",\"searchId\":\"" + searchId + "\"}";

        Api.Response notTheirs = holds.post(holds.member(Role.INVESTIGATOR), "/api/v1/holds", body);
        refused(notTheirs, 403, null);
        assertThat(notTheirs.json().get("type").asString()).endsWith("not-your-search");

        Api.Response placed = holds.post(investigator, "/api/v1/holds", body);
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        assertThat(placed.json().get("reads").asLong()).isEqualTo(2);
        assertThat(placed.json().get("searchId").asString()).isEqualTo(searchId);
        long id = placed.json().get("id").asLong();
        assertThat(jdbc.sql("SELECT read_id FROM legal_hold_reads WHERE hold_id = ?")
                        .param(id)
                        .query(UUID.class)
                        .list())
                .containsExactlyInAnyOrderElementsOf(ids);
        Api.Response detail = api.get("/api/v1/holds/" + id, investigator.token());
        assertThat(detail.body()).contains(plate, "\"stored\":\"LIVE\"");
        assertThat(jdbc.sql("SELECT terms FROM audit_events WHERE action = 'hold.placed' AND subject = ?")
                        .param("hold:" + id)
                        .query(String.class)
                        .single())
                .contains("reads=2", "search:" + searchId);
    }

    @Test
    void aHeldDetectionSurvivesItsDaysPurgeAndGoesWithItsImageWhenTheHoldIsReleased() throws Exception {
        PurgeCalendar calendar = PurgeCalendar.forDetections(profile).orElseThrow();
        LocalDate day = calendar.firstKeptPartition(
                        LocalDate.now(profile.zone()).minusDays(5))
                .minusDays(2);
        String heldImage = images.put(new byte[] {11, 12, 13, (byte) (Math.random() * 100)});
        List<UUID> ids = fixtures.insertReads(HoldFixtures.camera(devices), day, 2, null, heldImage);
        UUID held = ids.get(1);
        long hold = holds.placed(investigator, List.of(held)); // not yet approved: it protects all the same

        fixtures.setLocal(profile, calendar.partitionDueOn(day), LocalTime.of(0, 15));
        assertThat(schedule.run()).isPresent();
        ((MutableClock) clock).reset();

        assertThat(fixtures.partitionExists(day)).isFalse();
        assertThat(heldRows(held)).isEqualTo(1);
        assertThat(images.open(heldImage)).isPresent();
        Api.Response detail = api.get("/api/v1/holds/" + hold, investigator.token());
        assertThat(detail.body()).contains(held.toString(), "\"stored\":\"HELD\"", "7RET1");

        Api.Response released =
                holds.post(supervisor, "/api/v1/holds/" + hold + "/release", "{\"reason\":\"case closed\"}");
        assertThat(released.status()).as(released.body()).isEqualTo(200);
        assertThat(heldRows(held)).isZero();
        assertThat(images.open(heldImage)).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM read_receipts WHERE read_id = ?")
                        .param(held)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("SELECT terms FROM audit_events WHERE action = 'hold.released' AND subject = ?")
                        .param("hold:" + hold)
                        .query(String.class)
                        .single())
                .contains("heldDetectionsDeleted=1", RetentionFixtures.idsSha256(List.of(held)));
        // the hold's record stays, and says the read is gone
        assertThat(api.get("/api/v1/holds/" + hold, supervisor.token()).body()).contains("\"stored\":\"GONE\"");
    }

    @Test
    void aReadTwoHoldsNameStaysUntilTheLastOneIsReleased() {
        PurgeCalendar calendar = PurgeCalendar.forDetections(profile).orElseThrow();
        LocalDate day = calendar.firstKeptPartition(
                        LocalDate.now(profile.zone()).minusDays(12))
                .minusDays(8);
        UUID read = fixtures.insertReads(HoldFixtures.camera(devices), day, 1).get(0);
        long first = holds.placed(investigator, List.of(read));
        long second = holds.placed(holds.member(Role.INVESTIGATOR), List.of(read));
        fixtures.setLocal(profile, calendar.partitionDueOn(day), LocalTime.of(0, 15));
        assertThat(schedule.run()).isPresent();
        ((MutableClock) clock).reset();
        assertThat(heldRows(read)).isEqualTo(1);

        holds.post(supervisor, "/api/v1/holds/" + first + "/release", "{\"reason\":\"case closed\"}");
        assertThat(heldRows(read)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT hold_id FROM held_detections WHERE read_id = ?")
                        .param(read)
                        .query(Long.class)
                        .single())
                .isEqualTo(second);
        holds.post(supervisor, "/api/v1/holds/" + second + "/release", "{\"reason\":\"case closed\"}");
        assertThat(heldRows(read)).isZero();
    }

    private long heldRows(UUID read) {
        return jdbc.sql("SELECT count(*) FROM held_detections WHERE read_id = ?")
                .param(read)
                .query(Long.class)
                .single();
    }

    private List<String> audit(String subject) {
        return jdbc.sql("SELECT action || ' ' || username || ' ' || case_number FROM audit_events WHERE subject = ?"
                        + " ORDER BY id")
                .param(subject)
                .query(String.class)
                .list();
    }

    /** The database keeps the four-eyes rule too: no hold approved or rejected by its placer. */
    private long refusedFlips() {
        return jdbc.sql("SELECT count(*) FROM legal_holds WHERE approved_by = placed_by OR rejected_by = placed_by")
                .query(Long.class)
                .single();
    }

    private long holdCount() {
        return jdbc.sql("SELECT count(*) FROM legal_holds").query(Long.class).single();
    }

    private LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    static void refused(Api.Response r, int status, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.isProblem()).as(r.contentType()).isTrue();
        if (field != null) {
            assertThat(r.json().get("field").asString()).as(r.body()).isEqualTo(field);
        }
    }
}
