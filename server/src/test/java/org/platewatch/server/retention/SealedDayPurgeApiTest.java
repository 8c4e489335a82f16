package org.platewatch.server.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.platewatch.server.ingest.DeviceKind;
import org.platewatch.server.ingest.DeviceRegistration;
import org.platewatch.server.ingest.DeviceRegistry;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.policy.DepartmentProfile;
import org.platewatch.server.policy.PurgeCalendar;
import org.platewatch.server.retention.DeletionCertificate.IdsCover;
import org.platewatch.server.support.MutableClock;
import org.platewatch.server.support.PlatewatchServerTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The purge that does not grow with the day (V65-V67): a sealed day is certified against its seal, a late read voids
 * the seal (and the purge then hashes the ids itself), and the day's receipts and plate_days go with its partition.
 * Days far enough back to be due in real time, as in {@link RetentionPurgeApiTest}.
 */
@PlatewatchServerTest
class SealedDayPurgeApiTest {

    @Autowired
    PurgeSchedule schedule;

    @Autowired
    SealStore seals;

    @Autowired
    DaySealing sealing;

    @Autowired
    Clock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DeviceRegistry devices;

    @Autowired
    DepartmentProfile profile;

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
    void aLateReadVoidsTheSealAndTheResealedCertificateCoversTheIdsRemovedAndTheHeldOnesListed() {
        LocalDate day = dueDay(2);
        UUID device = device();
        List<UUID> ids = new ArrayList<>(fixtures.insertReads(device, day, 4));
        assertThat(seals.seal(day)).isTrue();
        assertThat(seals.sealed(day)).isTrue();

        // A late upload into the sealed day: the seal is void in the same transaction.
        ids.addAll(fixtures.insertReads(device, day, 1));
        assertThat(seals.sealed(day))
                .as("a read added after sealing voids the seal")
                .isFalse();

        assertThat(seals.seal(day)).isTrue();
        // A corrected plate keeps every id on its day: the seal stands.
        jdbc.sql("UPDATE detections SET plate = '7SEAL00' WHERE read_id = ?")
                .param(ids.get(0))
                .update();
        assertThat(seals.sealed(day)).as("a correction changes no id").isTrue();
        assertThat(jdbc.sql("SELECT detections FROM sealed_days WHERE day = ?")
                        .param(day)
                        .query(Long.class)
                        .single())
                .isEqualTo(5);

        UUID held = ids.get(1);
        long hold = jdbc.sql("""
                        INSERT INTO legal_holds (case_number, reason, placed_by, placed_at)
                        VALUES ('24-000818', 'evidence in a robbery', 'admin', now()) RETURNING id
                        """).query(Long.class).single();
        jdbc.sql("INSERT INTO legal_hold_reads (hold_id, read_id) VALUES (?, ?)")
                .params(hold, held)
                .update();

        DeletionCertificate c = purge(day);
        assertThat(c.idsCover()).isEqualTo(IdsCover.SEALED);
        assertThat(c.sealedAt()).isNotNull();
        assertThat(c.detections()).isEqualTo(4);
        assertThat(c.heldIds()).containsExactly(held);
        assertThat(c.idsSha256())
                .as("the sealed digest is over the ids removed together with the held ones listed")
                .isEqualTo(RetentionFixtures.idsSha256(ids));
        List<UUID> removed =
                ids.stream().filter(id -> !c.heldIds().contains(id)).toList();
        List<UUID> removedAndHeld = new ArrayList<>(removed);
        removedAndHeld.addAll(c.heldIds());
        assertThat(RetentionFixtures.idsSha256(removedAndHeld)).isEqualTo(c.idsSha256());
        assertThat(jdbc.sql("SELECT ids_cover, held_ids::text[] FROM deletion_certificates WHERE partition_name = ?")
                        .param(c.partition())
                        .query((rs, n) -> rs.getString(1) + " "
                                + String.join(",", (String[]) rs.getArray(2).getArray()))
                        .single())
                .isEqualTo("SEALED " + held);
        assertThat(jdbc.sql("SELECT terms FROM audit_events WHERE action = 'retention.purged' AND subject = ?")
                        .param(c.partition())
                        .query(String.class)
                        .single())
                .contains("idsCover=SEALED", "detections=4", "held=1", c.idsSha256());
        assertDayGone(day);
        assertThat(jdbc.sql("SELECT count(*) FROM held_detections WHERE read_id = ?")
                        .param(held)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aSealVoidedByALateReadAndNotResealedLeavesThePurgeToHashTheIdsItRemoves() {
        LocalDate day = dueDay(4);
        UUID device = device();
        List<UUID> ids = new ArrayList<>(fixtures.insertReads(device, day, 3));
        assertThat(seals.seal(day)).isTrue();
        ids.addAll(fixtures.insertReads(device, day, 2));
        jdbc.sql("DELETE FROM detections WHERE read_id = ? AND captured_at >= ? AND captured_at < ?")
                .params(
                        ids.get(0),
                        day.atStartOfDay(ZoneOffset.UTC).toInstant().atOffset(ZoneOffset.UTC),
                        day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().atOffset(ZoneOffset.UTC))
                .update();
        ids.remove(0);

        DeletionCertificate c = purge(day);
        assertThat(c.idsCover()).isEqualTo(IdsCover.REMOVED);
        assertThat(c.sealedAt()).isNull();
        assertThat(c.detections()).isEqualTo(4);
        assertThat(c.idsSha256())
                .as("never the stale seal: the hash over the ids actually removed")
                .isEqualTo(RetentionFixtures.idsSha256(ids));
        assertDayGone(day);
    }

    @Test
    void theSealingJobSealsTheDaysPastEveryUploadWindowAndNoRecentOne() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate old = sealing.lastSealable();
        UUID device = device();
        fixtures.insertReads(device, old, 2);
        fixtures.insertReads(device, today.minusDays(1), 2);
        List<LocalDate> sealed = sealing.run();
        assertThat(sealed).contains(old).doesNotContain(today.minusDays(1), today);
        assertThat(seals.sealed(old)).isTrue();
        assertThat(seals.sealed(today.minusDays(1))).isFalse();
        assertThat(sealing.run()).as("a sealed day is not sealed again").doesNotContain(old);
    }

    /** A UTC day due in real time, {@code back} days before the first one kept, whose purge leaves the next day. */
    private LocalDate dueDay(int back) {
        PurgeCalendar calendar = PurgeCalendar.forDetections(profile).orElseThrow();
        LocalDate day = calendar.firstKeptPartition(
                        LocalDate.now(profile.zone()).minusDays(5))
                .minusDays(back);
        while (!calendar.partitionDueOn(day.plusDays(1)).isAfter(calendar.partitionDueOn(day))) {
            day = day.minusDays(1);
        }
        return day;
    }

    private DeletionCertificate purge(LocalDate day) {
        PurgeCalendar calendar = PurgeCalendar.forDetections(profile).orElseThrow();
        fixtures.setLocal(profile, calendar.partitionDueOn(day), LocalTime.of(0, 15));
        return schedule.run().orElseThrow().certificates().stream()
                .filter(c -> c.partition().equals(PurgeStore.partitionOf(day)))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void theMonthsPlateDaysPartitionGoesWithTheLastDayOfTheMonthAndTheMarksOfItsDays() {
        PurgeCalendar calendar = PurgeCalendar.forDetections(profile).orElseThrow();
        LocalDate first = calendar.firstKeptPartition(
                        LocalDate.now(profile.zone()).minusDays(5))
                .minusMonths(2)
                .withDayOfMonth(1);
        LocalDate last = first.plusMonths(1).minusDays(1);
        UUID device = device();
        fixtures.insertReads(device, first, 2);
        fixtures.insertReads(device, last, 2);
        String month = "plate_days_p" + PurgeStore.partitionOf(first).substring(PurgeStore.PREFIX.length(), 18);
        assertThat(exists(month)).isTrue();

        fixtures.setLocal(profile, calendar.partitionDueOn(first), LocalTime.of(0, 15));
        assertThat(schedule.run().orElseThrow().certificates())
                .extracting(DeletionCertificate::partition)
                .contains(PurgeStore.partitionOf(first));
        assertThat(fixtures.partitionExists(first)).isFalse();
        assertThat(exists(month)).as("a day of the month is left").isTrue();
        assertThat(purgedMarks(first)).isEqualTo(1);
        assertThat(fixtures.plateDayReadsSearchSees(first))
                .as("the search leaves a purged day's counts out")
                .isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM " + month + " WHERE day = ?")
                        .param(first)
                        .query(Long.class)
                        .single())
                .as("the run deleted them too, while the month's partition stays")
                .isZero();
        assertThat(fixtures.plateDayReadsSearchSees(last)).isEqualTo(2);

        purge(last);
        assertThat(exists(month)).as("no day of the month is left").isFalse();
        assertThat(purgedMarks(first)).isZero();
    }

    private void assertDayGone(LocalDate day) {
        String suffix = PurgeStore.partitionOf(day).substring(PurgeStore.PREFIX.length());
        for (String table : List.of("detections_p", "read_receipts_p")) {
            assertThat(exists(table + suffix))
                    .as(table + suffix + " goes with the day")
                    .isFalse();
        }
        assertThat(fixtures.plateDayReadsSearchSees(day))
                .as("the day's counts are out of the search")
                .isZero();
        assertThat(seals.sealed(day)).isFalse();
    }

    private boolean exists(String table) {
        return jdbc.sql("SELECT to_regclass(?) IS NOT NULL")
                .param(table)
                .query(Boolean.class)
                .single();
    }

    private long purgedMarks(LocalDate day) {
        return jdbc.sql(
                        "SELECT count(*) FROM plate_days_purged WHERE date_trunc('month', day) = date_trunc('month', ?::date)")
                .param(day)
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
