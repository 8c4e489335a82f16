package org.platewatch.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.platewatch.server.hotlist.HotlistFixtures;
import org.platewatch.server.ingest.DeviceKind;
import org.platewatch.server.ingest.DeviceRegistration;
import org.platewatch.server.ingest.DeviceRegistry;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.support.Api;
import org.platewatch.server.support.TestDates;
import org.platewatch.server.users.PersonalTokens;
import org.platewatch.server.users.Role;
import org.platewatch.server.users.UserAccounts;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the periodic-audit and correction tests share: members with API tokens, a mobile unit, searches made
 * through the API (and moved back in time where a test needs an older one), and detections of long-past days
 * written straight into their partitions (the upload API's capture window refuses those, rightly).
 */
final class AuditFixtures {

    final Api api;
    final String unit;
    final UUID unitId;
    private final UserAccounts accounts;
    private final PersonalTokens tokens;
    private final JdbcClient jdbc;

    AuditFixtures(Api api, UserAccounts accounts, PersonalTokens tokens, DeviceRegistry devices, JdbcClient jdbc) {
        this.api = api;
        this.accounts = accounts;
        this.tokens = tokens;
        this.jdbc = jdbc;
        var registered = devices.register(
                new DeviceRegistration(
                        "unit-" + UUID.randomUUID().toString().substring(0, 6), DeviceKind.MOBILE, null, null, null),
                Actor.SYSTEM);
        this.unit = registered.token();
        this.unitId = registered.device().id();
    }

    String member(Role role) {
        return HotlistFixtures.member(accounts, tokens, role, false, TestDates.trainedRecently());
    }

    /** A search that runs at once (a full plate), with its own case number; answers its id. */
    UUID search(String token, String caseNumber, String plate) {
        Api.Response r = api.postJson(
                "/api/v1/searches",
                token,
                "{\"caseNumber\":\"" + caseNumber + "\",\"purpose\":\"STOLEN_VEHICLE\","
                        + "\"reason\":\"stolen vehicle report\",\"plate\":\"" + plate + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return UUID.fromString(r.json().get("id").asString());
    }

    /** Moves a search's request (and run) time, as if it had been made {@code ago} before now. */
    void made(UUID search, Instant at) {
        jdbc.sql("UPDATE searches SET requested_at = ?, ran_at = ? WHERE id = ?")
                .params(Timestamp.from(at), Timestamp.from(at), search)
                .update();
    }

    /** Uploads one read through the API; answers its read id. */
    UUID upload(String plate, Instant at) {
        UUID id = UUID.randomUUID();
        String read = "{\"readId\":\"" + id + "\",\"plate\":\"" + plate + "\",\"state\":\"CA\",\"confidence\":0.9,"
                + "\"capturedAt\":\"" + at + "\",\"latitude\":37.8,\"longitude\":-122.27}";
        Api.Response r = api.postJson("/api/v1/reads", unit, "{\"reads\":[" + read + "]}");
        assertThat(r.status()).as(r.body()).isIn(200, 201);
        return id;
    }

    /** A detection captured on a long-past UTC day, in its partition. */
    UUID oldDetection(LocalDate utcDay) {
        jdbc.sql("SELECT ensure_detection_partition(?)").param(utcDay).query().singleValue();
        UUID id = UUID.randomUUID();
        Instant at = utcDay.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofHours(12));
        jdbc.sql("INSERT INTO read_receipts (read_id, device_id, captured_at, received_at) VALUES (?, ?, ?, ?)")
                .params(id, unitId, Timestamp.from(at), Timestamp.from(at))
                .update();
        jdbc.sql("""
                        INSERT INTO detections (read_id, device_id, plate, state, confidence, captured_at, received_at,
                                                location, source)
                        VALUES (?, ?, '7OLD001', 'CA', 0.9, ?, ?, point(-122.27, 37.80), 'DEVICE')
                        """).params(id, unitId, Timestamp.from(at), Timestamp.from(at)).update();
        return id;
    }

    /** A legal hold on the reads, placed (as the hold workflow will) for a case; answers its id. */
    long hold(String caseNumber, String reason, UUID... reads) {
        long id = jdbc.sql("""
                        INSERT INTO legal_holds (case_number, reason, placed_by, placed_at)
                        VALUES (?, ?, 'investigator-test', now()) RETURNING id
                        """).params(caseNumber, reason).query(Long.class).single();
        for (UUID read : reads) {
            jdbc.sql("INSERT INTO legal_hold_reads (hold_id, read_id) VALUES (?, ?)")
                    .params(id, read)
                    .update();
        }
        return id;
    }

    static String sha256(byte[] bytes) {
        return PeriodicAudits.sha256(bytes);
    }
}
