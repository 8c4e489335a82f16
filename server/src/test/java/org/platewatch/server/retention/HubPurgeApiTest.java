package org.platewatch.server.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.platewatch.server.ingest.DeviceKind;
import org.platewatch.server.ingest.DeviceRegistration;
import org.platewatch.server.ingest.DeviceRegistry;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.platform.AgencyId;
import org.platewatch.server.platform.AgencyScope;
import org.platewatch.server.policy.DepartmentProfile;
import org.platewatch.server.policy.PurgeCalendar;
import org.platewatch.server.support.MutableClock;
import org.platewatch.server.support.PlatewatchServerTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The purge of a hub: a day goes for every agency at once, and a read of another agency than the home one that a
 * legal hold names is moved to {@code held_detections} first, although its partition is sealed against the
 * application role (V70) and the purge runs without a member.
 */
@PlatewatchServerTest
@TestPropertySource(properties = "platewatch.hub.enabled=true")
class HubPurgeApiTest {

    @Autowired
    PurgeSchedule schedule;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @Autowired
    DeviceRegistry devices;

    @Autowired
    DepartmentProfile profile;

    @Autowired
    @Qualifier("schemaOwnerDataSource")
    DataSource owner;

    @AfterEach
    void restore() {
        ((MutableClock) clock).reset();
    }

    @Test
    void everyAgencysDayGoesAndAnotherAgencysHeldReadIsKept() {
        RetentionFixtures fixtures = new RetentionFixtures(jdbc, (MutableClock) clock, owner);
        PurgeCalendar calendar = PurgeCalendar.forDetections(profile).orElseThrow();
        LocalDate day = calendar.firstKeptPartition(
                        LocalDate.now(profile.zone()).minusDays(5))
                .minusDays(2);
        AgencyId b = new AgencyId(
                JdbcClient.create(owner).sql("""
                        INSERT INTO hub_agencies (code, name, registered_by, registered_at)
                        VALUES ('purge-b', 'Agency B', 'test', now()) RETURNING id
                        """).query(Integer.class).single());
        UUID cameraA = AgencyScope.actingFor(AgencyId.HOME, this::camera);
        UUID cameraB = AgencyScope.actingFor(b, this::camera);
        List<UUID> ids =
                new ArrayList<>(AgencyScope.actingFor(AgencyId.HOME, () -> fixtures.insertReads(cameraA, day, 2)));
        List<UUID> ofB = AgencyScope.actingFor(b, () -> fixtures.insertReads(cameraB, day, 3));
        ids.addAll(ofB.subList(1, 3));
        jdbc.sql("SELECT seal_detection_partitions()").query(Integer.class).single();
        // B's hold (V71: a hold is its agency's, and names that agency's reads).
        long hold = AgencyScope.actingFor(b, () -> {
            long id = jdbc.sql("""
                            INSERT INTO legal_holds (case_number, reason, placed_by, placed_at)
                            VALUES ('24-000778', 'evidence in a robbery', 'admin', now()) RETURNING id
                            """).query(Long.class).single();
            jdbc.sql("INSERT INTO legal_hold_reads (hold_id, read_id) VALUES (?, ?)")
                    .params(id, ofB.get(0))
                    .update();
            return id;
        });

        fixtures.setLocal(profile, calendar.partitionDueOn(day), LocalTime.of(0, 15));
        DeletionCertificate c = schedule.run().orElseThrow().certificates().stream()
                .filter(cert -> cert.partition().equals(PurgeStore.partitionOf(day)))
                .findFirst()
                .orElseThrow();

        assertThat(c.detections()).isEqualTo(4);
        assertThat(c.held()).isEqualTo(1);
        assertThat(c.idsSha256()).isEqualTo(RetentionFixtures.idsSha256(ids));
        // B's held read, B's alone (V71): another agency, or none, sees no held row of B's.
        assertThat(AgencyScope.actingFor(
                        b,
                        () -> jdbc.sql("SELECT hold_id FROM held_detections WHERE read_id = ?")
                                .param(ofB.get(0))
                                .query(Long.class)
                                .single()))
                .isEqualTo(hold);
        assertThat(AgencyScope.actingFor(
                        AgencyId.HOME,
                        () -> jdbc.sql("SELECT count(*) FROM held_detections")
                                .query(Long.class)
                                .single()))
                .isZero();
        assertThat(fixtures.partitionExists(day)).isFalse();
    }

    private UUID camera() {
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
