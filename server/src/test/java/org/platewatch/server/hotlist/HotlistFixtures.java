package org.platewatch.server.hotlist;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.support.AdminSession;
import org.platewatch.server.support.Api;
import org.platewatch.server.users.PersonalTokens;
import org.platewatch.server.users.Role;
import org.platewatch.server.users.UserAccounts;

/** Shared by the hot-list and alert tests: members, list files and uploads. */
public final class HotlistFixtures {

    private HotlistFixtures() {}

    /** Creates a member trained today (or on {@code trainedOn}) and returns a bearer token. */
    public static String member(
            UserAccounts accounts, PersonalTokens tokens, Role role, boolean clets, LocalDate trainedOn) {
        String username = role.name().toLowerCase(Locale.ROOT) + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        org.platewatch.server.support.Member.ready(
                accounts,
                new UserAccounts.NewUser(username, "Test " + role.title(), role, clets, trainedOn),
                "correct horse battery staple");
        return tokens.issue(username, "test", Actor.SYSTEM).token();
    }

    /** A CA DOJ fixed-width file dated now in the zone: plate/state pairs, trailer count as given. */
    public static String dojFile(Clock clock, ZoneId zone, List<String[]> plates, int trailerCount) {
        StringBuilder s = new StringBuilder("DATE")
                .append(LocalDateTime.now(clock.withZone(zone)).format(DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm")))
                .append("\r\n");
        for (String[] p : plates) {
            s.append(String.format("%-8s%s0120260101", p[0], p[1])).append("\r\n");
        }
        s.append("TOTAL RECORDS ").append(String.format("%06d", trailerCount)).append("\r\n");
        return s.toString();
    }

    public static String dojFile(Clock clock, ZoneId zone, List<String[]> plates) {
        return dojFile(clock, zone, plates, plates.size());
    }

    /** Uploads the file as the re-authenticated administrator at a console session. */
    public static Api.Response upload(
            Api api, int port, String path, AdminSession admin, String filename, String content) {
        return admin.upload(path, filename, content);
    }

    /** Designates a list as the re-authenticated administrator and returns its id. */
    public static long designate(
            Api api, AdminSession admin, String code, String sourceKind, String format, String extraJson) {
        Api.Response r =
                admin.postJson("/api/v1/hotlists", "{\"hotlist\":" + list(code, sourceKind, format, extraJson) + "}");
        if (r.status() != 201) {
            throw new AssertionError("designate " + code + ": " + r.status() + " " + r.body());
        }
        return r.json().get("id").asLong();
    }

    /** A designation's list fields as JSON. */
    public static String list(String code, String sourceKind, String format, String extraJson) {
        return "{\"code\":\"" + code + "\",\"name\":\"" + code + " list\",\"sourceKind\":\"" + sourceKind
                + "\",\"format\":\"" + format + "\"" + (extraJson == null ? "" : "," + extraJson) + "}";
    }

    /** POSTs the file as multipart field {@code file} with a bearer token (refused for writes since issue 15). */
    public static Api.Response upload(Api api, int port, String path, String token, String filename, String content) {
        String boundary = "----pw" + UUID.randomUUID();
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"" + filename + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n"
                + content + "\r\n--" + boundary + "--\r\n";
        return api.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.getBytes(StandardCharsets.ISO_8859_1))),
                token);
    }
}
