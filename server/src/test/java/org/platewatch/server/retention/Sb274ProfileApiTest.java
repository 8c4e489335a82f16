package org.platewatch.server.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.platewatch.server.hotlist.HotlistFixtures;
import org.platewatch.server.ingest.DeviceKind;
import org.platewatch.server.ingest.DeviceRegistration;
import org.platewatch.server.ingest.DeviceRegistry;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.policy.DepartmentProfile;
import org.platewatch.server.policy.PurgeCalendar;
import org.platewatch.server.policy.ShippedProfiles;
import org.platewatch.server.support.Api;
import org.platewatch.server.support.MutableClock;
import org.platewatch.server.support.PlatewatchServerTest;
import org.platewatch.server.support.TestDates;
import org.platewatch.server.users.PersonalTokens;
import org.platewatch.server.users.Role;
import org.platewatch.server.users.UserAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The stricter sb274 profile on the real server: detections go at 60 days while the hit a matched detection raised
 * stays under the hit retention, and every search through the API must name a case.
 */
@PlatewatchServerTest
@TestPropertySource(properties = "platewatch.policy.profile=sb274")
class Sb274ProfileApiTest {

    @LocalServerPort
    int port;

    @Autowired
    PurgeSchedule schedule;

    @Autowired
    DepartmentProfile profile;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @Autowired
    DeviceRegistry devices;

    @Autowired
    UserAccounts accounts;

    @Autowired
    PersonalTokens tokens;

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
    }

    @Test
    void theServerEnforcesTheSb274Profile() {
        assertThat(profile).isEqualTo(ShippedProfiles.byName("sb274").orElseThrow());
        assertThat(profile.sharing().warrantRequired()).isTrue();
        assertThat(jdbc.sql("SELECT detection_retention::text FROM department_rules")
                        .query(String.class)
                        .single())
                .isEqualTo("60 days");
    }

    @Test
    void detectionsGoAtSixtyDaysAndTheirHitsStayUnderTheHitRetention() {
        PurgeCalendar calendar = PurgeCalendar.forDetections(profile).orElseThrow();
        LocalDate day = calendar.firstKeptPartition(
                        LocalDate.now(profile.zone()).minusDays(3))
                .minusDays(1);
        LocalDate dueOn = calendar.partitionDueOn(day);
        // the UTC day's last hours fall on the next local day, which is 60 days old a day later
        assertThat(ChronoUnit.DAYS.between(day, dueOn)).isBetween(60L, 61L);
        UUID device = device();
        List<UUID> reads = fixtures.insertReads(device, day, 3);
        long alert = hitOn(reads.get(1), device, day);

        fixtures.setLocal(profile, dueOn.minusDays(1), LocalTime.of(23, 50));
        schedule.run();
        assertThat(fixtures.partitionExists(day)).as("the day before it is due").isTrue();

        fixtures.setLocal(profile, dueOn, LocalTime.of(0, 15));
        schedule.run();
        assertThat(fixtures.partitionExists(day)).as("60 days old").isFalse();
        assertThat(jdbc.sql("SELECT read_json->>'plate' FROM alerts WHERE id = ?")
                        .param(alert)
                        .query(String.class)
                        .single())
                .as("the hit, with the read that raised it, is kept")
                .isEqualTo("7RET1");
        LocalDate hitGoes = PurgeCalendar.forHits(profile).orElseThrow().purgeDate(day);
        assertThat(hitGoes).isAfter(dueOn.plusMonths(3));
    }

    @Test
    void everySearchMustNameACase() {
        Api api = new Api(port);
        String investigator =
                HotlistFixtures.member(accounts, tokens, Role.INVESTIGATOR, false, TestDates.trainedRecently());
        Api.Response refused = api.postJson(
                "/api/v1/searches",
                investigator,
                "{\"purpose\":\"STOLEN_VEHICLE\",\"reason\":\"stolen vehicle report\",\"plate\":\"7ABC123\"}");
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().get("field").asString()).isEqualTo("caseNumber");
        Api.Response ran = api.postJson(
                "/api/v1/searches",
                investigator,
                "{\"caseNumber\":\"24-000123\",\"purpose\":\"STOLEN_VEHICLE\",\"reason\":\"stolen vehicle report\","
                        + "\"plate\":\"7ABC123\"}");
        assertThat(ran.status()).as(ran.body()).isEqualTo(201);
    }

    /** An alert raised on {@code read}, as the alert feature stores one: its own row, with a snapshot of the read. */
    private long hitOn(UUID read, UUID device, LocalDate day) {
        Instant at = day.atTime(12, 0).atZone(java.time.ZoneOffset.UTC).toInstant();
        return jdbc.sql("""
                        INSERT INTO alerts (read_id, entry_id, device_id, hotlist_id, entry_plate, state, match_kind,
                                            raised_at, updated_at, read_json, entry_json, checks_json)
                        VALUES (?, 1, ?, 1, '7RET1', 'ALERT', 'EXACT', ?, ?, ?::jsonb, '{}'::jsonb, '{}'::jsonb)
                        RETURNING id
                        """)
                .params(read, device, Timestamp.from(at), Timestamp.from(at), "{\"plate\":\"7RET1\"}")
                .query(Long.class)
                .single();
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
}
