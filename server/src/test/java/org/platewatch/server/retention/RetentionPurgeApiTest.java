package org.platewatch.server.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.platewatch.server.audit.AuditAnchors;
import org.platewatch.server.audit.AuditChain;
import org.platewatch.server.audit.AuditEvent;
import org.platewatch.server.audit.AuditLog;
import org.platewatch.server.audit.AuditLogRetention;
import org.platewatch.server.ingest.DeviceKind;
import org.platewatch.server.ingest.DeviceRegistration;
import org.platewatch.server.ingest.DeviceRegistry;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.policy.DepartmentProfile;
import org.platewatch.server.policy.PurgeCalendar;
import org.platewatch.server.policy.ShippedProfiles;
import org.platewatch.server.reads.DetectionPartitions;
import org.platewatch.server.reads.ImageStore;
import org.platewatch.server.support.AdminSession;
import org.platewatch.server.support.Api;
import org.platewatch.server.support.MutableClock;
import org.platewatch.server.support.PlatewatchServerTest;
import org.platewatch.server.support.SessionClient;
import org.platewatch.server.users.PersonalTokens;
import org.platewatch.server.users.Role;
import org.platewatch.server.users.UserAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The purge on the real server and PostgreSQL. The database checks every drop against its own clock, which the test
 * clock cannot move, so the tests put reads on days long enough ago that they are due in real time, and move the
 * server's clock back to the day before they are due and to the day they are.
 */
@PlatewatchServerTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RetentionPurgeApiTest {

    @LocalServerPort
    int port;

    @Autowired
    PurgeStore store;

    @Autowired
    PurgeSchedule schedule;

    @Autowired
    AuditLog audit;

    @Autowired
    AuditLogRetention auditRetention;

    @Autowired
    AuditChain chain;

    @Autowired
    AuditAnchors anchors;

    @Autowired
    DetectionPartitions partitions;

    @Autowired
    ImageStore images;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    Clock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DeviceRegistry devices;

    @Autowired
    UserAccounts accounts;

    @Autowired
    PersonalTokens tokens;

    @Autowired
    DepartmentProfile serverProfile;

    @Autowired
    @Qualifier("schemaOwnerDataSource")
    DataSource owner;

    RetentionFixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new RetentionFixtures(jdbc, (MutableClock) clock, owner);
    }

    @AfterEach
    void restore() {
        ((MutableClock) clock).reset();
        fixtures.rulesOf(serverProfile);
    }

    static Stream<DepartmentProfile> profiles() {
        return ShippedProfiles.all().stream();
    }

    /** First: the log must start with old records, before any other test writes a current one. */
    @Test
    @Order(1)
    void theAuditLogKeepsItsRetentionAndStaysVerifiableFromWhereThePurgeCutIt() throws Exception {
        // The server records its first administrator's account at start; this test needs a log that begins with
        // records old enough to purge, so it empties the log as the schema owner first (test set-up, not a purge).
        try (var c = owner.getConnection();
                var s = c.createStatement()) {
            s.execute("SET platewatch.audit_purge = 'on'");
            s.execute("DELETE FROM audit_events");
        }
        LocalDate today = LocalDate.now(serverProfile.zone());
        TransactionTemplate tx = new TransactionTemplate(transactions);
        fixtures.setLocal(
                serverProfile, today.minus(serverProfile.auditLogRetention()).minusDays(1), LocalTime.NOON);
        tx.executeWithoutResult(s -> {
            for (int i = 0; i < 3; i++) {
                audit.record(Actor.SYSTEM, AuditEvent.of("test.old", "r" + i));
            }
        });
        // Yesterday (the purge below runs on it) the oldest records reached the retention; the next one reaches it
        // today.
        fixtures.setLocal(serverProfile, today.minus(serverProfile.auditLogRetention()), LocalTime.NOON);
        tx.executeWithoutResult(s -> audit.record(Actor.SYSTEM, AuditEvent.of("test.old", "kept")));
        ((MutableClock) clock).reset();
        tx.executeWithoutResult(s -> audit.record(Actor.SYSTEM, AuditEvent.of("test.new", "now")));
        anchors.anchor();

        // The application role cannot delete audit records, nor ask the database for records still kept.
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_events").update())
                .rootCause()
                .hasMessageContaining("permission");
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> auditRetention.purgeRecordedBefore(clock.instant())))
                .rootCause()
                .hasMessageContaining("within the retention");

        fixtures.setLocal(serverProfile, today.minusDays(1), LocalTime.NOON);
        DetectionPurge.PurgeRun run = schedule.run().orElseThrow();

        assertThat(run.auditRecords()).isEqualTo(3);
        assertThat(jdbc.sql("SELECT subject FROM audit_events ORDER BY id")
                        .query(String.class)
                        .list())
                .startsWith("kept", "now")
                .contains("audit_events");
        AuditChain.Verification verified = chain.verify();
        assertThat(verified.intact()).as(verified.describe()).isTrue();
        assertThat(anchors.checkNewest().holds())
                .as(anchors.checkNewest().describe())
                .isTrue();
        assertThat(jdbc.sql("SELECT records_removed FROM audit_chain_starts")
                        .query(Long.class)
                        .single())
                .isEqualTo(3);
    }

    @ParameterizedTest
    @MethodSource("profiles")
    @Order(2)
    void aDayPartitionGoesOnTheDayItIsAllDueAndNotBefore(DepartmentProfile profile) {
        PurgeCalendar calendar = PurgeCalendar.forDetections(profile).orElseThrow();
        LocalDate realToday = LocalDate.now(profile.zone());
        LocalDate day = calendar.firstKeptPartition(realToday.minusDays(3)).minusDays(1);
        LocalDate dueOn = calendar.partitionDueOn(day);
        List<UUID> ids = fixtures.insertReads(device(), day, 3);
        DetectionPurge purge = purgeUnder(profile);

        fixtures.setLocal(profile, dueOn.minusDays(1), LocalTime.of(23, 50));
        assertThat(purge.run().certificates()).noneMatch(c -> c.partition().equals(PurgeStore.partitionOf(day)));
        assertThat(fixtures.partitionExists(day)).as("the day before it is due").isTrue();

        assertThat(fixtures.plateDayReadsSearchSees(day))
                .as("the search's day counts (V54) hold the day")
                .isGreaterThanOrEqualTo(3);

        fixtures.setLocal(profile, dueOn, LocalTime.of(0, 15));
        DeletionCertificate c = certificateOf(purge.run(), day).orElseThrow();
        assertThat(fixtures.partitionExists(day)).isFalse();
        assertThat(fixtures.plateDayReadsSearchSees(day))
                .as("the day's counts go with its partition")
                .isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM plate_days WHERE day = ?")
                        .param(day)
                        .query(Long.class)
                        .single())
                .as("and are deleted in the same run, not left until their month's partition goes (V68)")
                .isZero();
        assertThat(c.detections()).isEqualTo(3);
        assertThat(c.idsSha256()).isEqualTo(RetentionFixtures.idsSha256(ids));
        assertThat(c.dueOn()).isEqualTo(dueOn);
        assertThat(c.late()).isFalse();
        // Its reads are gone for good: their day is refused by the capture window now, and their receipts went too.
        assertThat(jdbc.sql("SELECT count(*) FROM read_receipts WHERE read_id IN (?, ?, ?)")
                        .params(ids.get(0), ids.get(1), ids.get(2))
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    @Order(3)
    void theCertificateCountsWhatWentWhatAHoldKeptAndTheImagesNoDetectionNeeds() throws Exception {
        PurgeCalendar calendar = PurgeCalendar.forDetections(serverProfile).orElseThrow();
        LocalDate day = calendar.firstKeptPartition(
                        LocalDate.now(serverProfile.zone()).minusDays(5))
                .minusDays(2);
        while (!calendar.partitionDueOn(day.plusDays(1)).isAfter(calendar.partitionDueOn(day))) {
            day = day.minusDays(1); // the next day must still be kept on this one's purge date
        }
        String onlyHere = images.put(new byte[] {1, 2, 3});
        String sharedWithNextDay = images.put(new byte[] {4, 5, 6});
        String ofTheHeldRead = images.put(new byte[] {7, 8, 9});
        UUID device = device();
        List<UUID> ids = fixtures.insertReads(device, day, 5, onlyHere, sharedWithNextDay, null, null, ofTheHeldRead);
        fixtures.insertReads(device, day.plusDays(1), 1, sharedWithNextDay);
        UUID heldRead = ids.get(4);
        long hold = jdbc.sql("""
                        INSERT INTO legal_holds (case_number, reason, placed_by, placed_at)
                        VALUES ('24-000777', 'evidence in a homicide', 'admin', now()) RETURNING id
                        """).query(Long.class).single();
        jdbc.sql("INSERT INTO legal_hold_reads (hold_id, read_id) VALUES (?, ?)")
                .params(hold, heldRead)
                .update();

        fixtures.setLocal(serverProfile, calendar.partitionDueOn(day), LocalTime.of(0, 15));
        DeletionCertificate c = certificateOf(schedule.run().orElseThrow(), day).orElseThrow();

        assertThat(c.detections()).isEqualTo(4);
        assertThat(c.held()).isEqualTo(1);
        assertThat(c.images()).isEqualTo(1);
        assertThat(c.idsSha256()).isEqualTo(RetentionFixtures.idsSha256(ids.subList(0, 4)));
        assertThat(jdbc.sql("SELECT hold_id FROM held_detections WHERE read_id = ?")
                        .param(heldRead)
                        .query(Long.class)
                        .single())
                .isEqualTo(hold);
        assertThat(images.open(onlyHere)).isEmpty();
        assertThat(images.open(sharedWithNextDay)).isPresent();
        assertThat(images.open(ofTheHeldRead)).isPresent();
        assertThat(jdbc.sql("SELECT read_id FROM read_receipts WHERE read_id IN (?, ?)")
                        .params(ids.get(0), heldRead)
                        .query(UUID.class)
                        .list())
                .as("the day's receipts go with its partition (V65), the held read's too: held_detections keeps its"
                        + " device and capture time")
                .isEmpty();
        assertThat(c.idsCover()).as("no seal: the purge hashed").isEqualTo(DeletionCertificate.IdsCover.REMOVED);
        assertThat(c.heldIds()).containsExactly(heldRead);
        assertThat(jdbc.sql("SELECT terms FROM audit_events WHERE action = 'retention.purged' AND subject = ?")
                        .param(c.partition())
                        .query(String.class)
                        .single())
                .contains("detections=4", "held=1", "images=1", "late=false", c.idsSha256());

        ((MutableClock) clock).reset(); // members and their training are of today
        Api api = new Api(port);
        String auditor = tokenOf(Role.AUDITOR);
        Api.Response listed = api.get("/api/v1/retention/certificates", auditor);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        assertThat(listed.body()).contains(c.partition(), c.idsSha256());
        Api.Response status = api.get("/api/v1/retention/status", tokenOf(Role.ADMINISTRATOR));
        assertThat(status.status()).as(status.body()).isEqualTo(200);
        assertThat(status.json().get("oldestGoesOn").asString()).isNotBlank();
        assertThat(api.get("/api/v1/retention/certificates", tokenOf(Role.OFFICER))
                        .status())
                .isEqualTo(403);

        // The console page, for an auditor signed in: the status and the certificate, and its menu entry.
        SessionClient auditorAtConsole =
                AdminSession.signIn(port, accounts, tokens, clock, Role.AUDITOR).session();
        var page = auditorAtConsole.get("/retention");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("Oldest detection stored", c.partition(), c.idsSha256(), "href=\"/retention\"");
    }

    @Test
    @Order(4)
    void aServerDownOnThePurgeDayCatchesUpAtStartAndRecordsThatItWasLate() {
        PurgeCalendar calendar = PurgeCalendar.forDetections(serverProfile).orElseThrow();
        LocalDate day = calendar.firstKeptPartition(
                        LocalDate.now(serverProfile.zone()).minusDays(10))
                .minusDays(4);
        LocalDate dueOn = calendar.partitionDueOn(day);
        fixtures.insertReads(device(), day, 2);

        fixtures.setLocal(serverProfile, dueOn.plusDays(3), LocalTime.of(9, 0));
        schedule.catchUp(); // what the server does when it is ready

        DeletionCertificate c = store.certificates(100, 0).stream()
                .filter(x -> x.partition().equals(PurgeStore.partitionOf(day)))
                .findFirst()
                .orElseThrow();
        assertThat(c.late()).isTrue();
        assertThat(c.dueOn()).isEqualTo(dueOn);
        assertThat(c.detections()).isEqualTo(2);
        assertThat(fixtures.partitionExists(day)).isFalse();
    }

    @Test
    @Order(5)
    void theDatabaseRefusesToDropADayThatIsNotDueAndTheApplicationCannotChangeItsRules() {
        LocalDate recent = LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1);
        partitions.createAhead();
        assertThatThrownBy(() -> jdbc.sql("SELECT * FROM purge_detection_partition(?)")
                        .param(recent)
                        .query()
                        .listOfRows())
                .rootCause()
                .hasMessageContaining("is not due before");
        assertThat(fixtures.partitionExists(recent)).isTrue();
        assertThatThrownBy(() -> jdbc.sql("UPDATE department_rules SET detection_retention = interval '1 day'")
                        .update())
                .rootCause()
                .hasMessageContaining("permission");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM deletion_certificates").update())
                .rootCause()
                .hasMessageContaining("permission");
    }

    private DetectionPurge purgeUnder(DepartmentProfile profile) {
        fixtures.rulesOf(profile);
        return new DetectionPurge(
                store,
                audit,
                auditRetention,
                partitions,
                images,
                new TransactionTemplate(transactions),
                profile,
                clock,
                1000,
                null);
    }

    private static Optional<DeletionCertificate> certificateOf(DetectionPurge.PurgeRun run, LocalDate day) {
        return run.certificates().stream()
                .filter(c -> c.partition().equals(PurgeStore.partitionOf(day)))
                .findFirst();
    }

    private UUID device() {
        return devices.register(
                        new DeviceRegistration(
                                "cam-" + UUID.randomUUID().toString().substring(0, 8),
                                DeviceKind.FIXED,
                                37.80,
                                -122.27,
                                90.0),
                        Actor.SYSTEM)
                .device()
                .id();
    }

    private String tokenOf(Role role) {
        String username = role.name().toLowerCase(java.util.Locale.ROOT) + "-"
                + UUID.randomUUID().toString().substring(0, 6);
        accounts.create(
                new UserAccounts.NewUser(
                        username,
                        "Member " + username,
                        role,
                        false,
                        LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1)),
                "one-time password",
                Actor.SYSTEM);
        accounts.changePassword(username, "one-time password", "correct horse battery", Actor.SYSTEM);
        return tokens.issue(username, "test", Actor.SYSTEM).token();
    }
}
