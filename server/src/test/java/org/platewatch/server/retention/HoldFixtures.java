package org.platewatch.server.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.platewatch.server.ingest.DeviceKind;
import org.platewatch.server.ingest.DeviceRegistration;
import org.platewatch.server.ingest.DeviceRegistry;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.support.Api;
import org.platewatch.server.users.PersonalTokens;
import org.platewatch.server.users.Role;
import org.platewatch.server.users.UserAccounts;

/** What the hold tests share: members with API tokens, a camera, hold requests and ZIPs taken apart and put back. */
final class HoldFixtures {

    /** A member who acts through a personal API token. */
    record Caller(String username, String token) {}

    private final int port;
    private final UserAccounts accounts;
    private final PersonalTokens tokens;
    private final Api api;

    HoldFixtures(int port, UserAccounts accounts, PersonalTokens tokens) {
        this.port = port;
        this.accounts = accounts;
        this.tokens = tokens;
        this.api = new Api(port);
    }

    Caller member(Role role) {
        String username = role.name().toLowerCase(Locale.ROOT) + "-"
                + UUID.randomUUID().toString().substring(0, 6);
        accounts.create(
                new UserAccounts.NewUser(
                        username,
                        "Member " + username,
                        role,
                        false,
                        LocalDate.now(ZoneOffset.UTC).minusDays(1)),
                "one-time password",
                Actor.SYSTEM);
        accounts.changePassword(username, "one-time password", "correct horse battery", Actor.SYSTEM);
        return new Caller(username, tokens.issue(username, "test", Actor.SYSTEM).token());
    }

    static UUID camera(DeviceRegistry devices) {
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

    /** A mobile unit's token, for uploads through the device API. */
    static String unit(DeviceRegistry devices) {
        return devices.register(
                        new DeviceRegistration(
                                "unit-" + UUID.randomUUID().toString().substring(0, 6),
                                DeviceKind.MOBILE,
                                null,
                                null,
                                null),
                        Actor.SYSTEM)
                .token();
    }

    static String read(UUID id, String plate, Instant at) {
        return "{\"readId\":\"" + id + "\",\"plate\":\"" + plate + "\",\"state\":\"CA\",\"confidence\":0.9,"
                + "\"capturedAt\":\"" + at + "\",\"latitude\":37.81,\"longitude\":-122.26}";
    }

    Api.Response hold(Caller who, List<UUID> reads) {
        return api.postJson("/api/v1/holds", who.token(), body("24-000777", "evidence in a homicide", reads));
    }

    static String body(String caseNumber, String reason, List<UUID> reads) {
        return "{\"caseNumber\":" + (caseNumber == null ? "null" : "\"" + caseNumber + "\"") + ",\"reason\":"
                + (reason == null ? "null" : "\"" + reason + "\"") + ",\"readIds\":["
                + String.join(",", reads.stream().map(r -> "\"" + r + "\"").toList()) + "]}";
    }

    long placed(Caller who, List<UUID> reads) {
        Api.Response r = hold(who, reads);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    Api.Response post(Caller who, String path, String json) {
        return api.postJson(path, who.token(), json);
    }

    /** The evidence endpoint's answer as bytes. */
    HttpResponse<byte[]> evidence(Caller who, long hold) {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(
                                            "http://localhost:" + port + "/api/v1/holds/" + hold + "/evidence"))
                                    .header("Authorization", "Bearer " + who.token())
                                    .POST(HttpRequest.BodyPublishers.noBody())
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A ZIP's entries, in order. */
    static Map<String, byte[]> entries(byte[] zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }

    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
