package org.platewatch.server.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.platewatch.server.hotlist.HotlistFixtures;
import org.platewatch.server.ingest.DeviceKind;
import org.platewatch.server.ingest.DeviceRegistration;
import org.platewatch.server.ingest.DeviceRegistry;
import org.platewatch.server.ingest.IngestProperties;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.support.AdminSession;
import org.platewatch.server.support.Api;
import org.platewatch.server.support.TestDates;
import org.platewatch.server.users.PersonalTokens;
import org.platewatch.server.users.Role;
import org.platewatch.server.users.UserAccounts;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One running server of {@link SeedProfilesEnforcedApiTest}, as its tests use it: the API, members with tokens, an
 * administrator at a console session, a fixed camera and a mobile unit, and the checks every test shares.
 */
final class SeedProfileServer {

    final int port;
    final Api api;
    final UserAccounts accounts;
    final PersonalTokens tokens;
    final JdbcClient jdbc;
    final Clock clock;
    final DepartmentProfile running;
    final IngestProperties ingest;
    final String camera;
    final String mobileUnit;
    final String officer;
    final String investigator;
    final String supervisor;
    final String admin;

    SeedProfileServer(
            int port,
            UserAccounts accounts,
            PersonalTokens tokens,
            DeviceRegistry devices,
            JdbcClient jdbc,
            Clock clock,
            DepartmentProfile running,
            IngestProperties ingest) {
        this.port = port;
        this.api = new Api(port);
        this.accounts = accounts;
        this.tokens = tokens;
        this.jdbc = jdbc;
        this.clock = clock;
        this.running = running;
        this.ingest = ingest;
        this.camera = device(devices, DeviceKind.FIXED);
        this.mobileUnit = device(devices, DeviceKind.MOBILE);
        this.officer = member(Role.OFFICER);
        this.investigator = member(Role.INVESTIGATOR);
        this.supervisor = member(Role.SUPERVISOR);
        this.admin = member(Role.ADMINISTRATOR);
    }

    private static String device(DeviceRegistry devices, DeviceKind kind) {
        boolean fixed = kind == DeviceKind.FIXED;
        return devices.register(
                        new DeviceRegistration(
                                kind.name().toLowerCase(java.util.Locale.ROOT) + "-"
                                        + UUID.randomUUID().toString().substring(0, 6),
                                kind,
                                fixed ? 37.80 : null,
                                fixed ? -122.27 : null,
                                fixed ? 90.0 : null),
                        Actor.SYSTEM)
                .token();
    }

    /** How far back a fixed camera may hold reads ({@code platewatch.ingest.fixed-camera-backlog}). */
    Duration fixedCameraBacklog() {
        return ingest.fixedCameraBacklog();
    }

    String member(Role role) {
        return HotlistFixtures.member(accounts, tokens, role, true, TestDates.trainedRecently());
    }

    /**
     * A new administrator signed in at the console: administrative writes are re-authenticated with a fresh code,
     * and a session gives up to two of them (after its sign-in) without waiting for the next step.
     */
    AdminSession adminSession() {
        return AdminSession.signIn(port, accounts, tokens, clock);
    }

    /** A read of {@code plate} by the fixed camera, two seconds ago. */
    UUID read(String plate) {
        UUID id = UUID.randomUUID();
        Api.Response r = upload(camera, id, plate, clock.instant().minusSeconds(2), true);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return id;
    }

    /** Uploads one read of {@code plate} captured at {@code capturedAt} by the device. */
    Api.Response upload(String device, UUID id, String plate, Instant capturedAt, boolean fixed) {
        String where = fixed ? "" : ",\"latitude\":37.8,\"longitude\":-122.27";
        return api.postJson(
                "/api/v1/reads",
                device,
                "{\"reads\":[{\"readId\":\"" + id + "\",\"plate\":\"" + plate + "\",\"state\":\"CA\","
                        + "\"confidence\":0.93,\"capturedAt\":\"" + capturedAt + "\"" + where
                        + ",\"vehicle\":{\"make\":\"Honda\",\"model\":\"Civic\",\"color\":\"red\"}}]}");
    }

    long audited(String action, String subject) {
        return jdbc.sql("SELECT count(*) FROM audit_events WHERE action = ? AND subject = ?")
                .params(action, subject)
                .query(Long.class)
                .single();
    }

    static void assertProblem(Api.Response r, int status, String slug, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.isProblem()).as(r.body()).isTrue();
        assertThat(r.json().get("type").asString()).isEqualTo("urn:platewatch:problem:" + slug);
        assertThat(r.json().get("field").asString()).as(r.body()).isEqualTo(field);
    }

    /** Six random lower-case letters and digits, to keep names and codes apart between runs. */
    static String suffix() {
        return UUID.randomUUID().toString().substring(0, 6);
    }

    /**
     * A plate no other run uses: a digit, three letters, three digits, none of them confusable with another
     * character (0/O/D/Q, 1/I/L/T, 2/Z, 5/S, 6/G, 8/B), so that no look-alike match joins in.
     */
    static String plate() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 7; i++) {
            String from = i >= 1 && i <= 3 ? PLAIN_LETTERS : PLAIN_DIGITS;
            s.append(from.charAt(r.nextInt(from.length())));
        }
        return s.toString();
    }

    private static final String PLAIN_LETTERS = "ACEFHJKMNPRUVWXY";
    private static final String PLAIN_DIGITS = "3479";
}
