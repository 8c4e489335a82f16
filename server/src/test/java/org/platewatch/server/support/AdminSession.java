package org.platewatch.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.users.PersonalTokens;
import org.platewatch.server.users.Role;
import org.platewatch.server.users.UserAccounts;

/**
 * An ALPR administrator at a console session, as administrative writes need them: every call rides on the
 * session (with its CSRF token) and carries the administrator's password and a fresh code
 * ({@code currentPassword}, {@code code}) as the JSON body's or the multipart form's fields. {@link #token()}
 * is the same administrator's personal token, for reads (and for showing that it cannot write).
 */
public final class AdminSession {

    private final Member member;
    private final SessionClient session;
    private final String token;

    private AdminSession(Member member, SessionClient session, String token) {
        this.member = member;
        this.session = session;
        this.token = token;
    }

    /** A new, trained administrator, signed in to the console. */
    public static AdminSession signIn(int port, UserAccounts accounts, PersonalTokens tokens, Clock clock) {
        return signIn(port, accounts, tokens, clock, Role.ADMINISTRATOR);
    }

    /** As {@link #signIn(int, UserAccounts, PersonalTokens, Clock)}, with another role (to show a refusal). */
    public static AdminSession signIn(int port, UserAccounts accounts, PersonalTokens tokens, Clock clock, Role role) {
        Member member = Member.create(accounts, role, Member.trainedOn(), clock);
        SessionClient session = new SessionClient(port);
        HttpResponse<String> signedIn = session.signIn(member.username(), member.password(), member.currentCode());
        assertThat(signedIn.statusCode()).as("sign-in redirects home").isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");
        String token = tokens.issue(member.username(), "test", new Actor(member.username(), "Test"))
                .token();
        return new AdminSession(member, session, token);
    }

    public String username() {
        return member.username();
    }

    public Member member() {
        return member;
    }

    /** The administrator's personal API token: it may read, not make administrative changes. */
    public String token() {
        return token;
    }

    public SessionClient session() {
        return session;
    }

    /** POSTs {@code json} (null: no other field) with the password and a fresh code added. */
    public Api.Response postJson(String path, String json) {
        return send("POST", path, json);
    }

    public Api.Response send(String method, String path, String json) {
        return response(session.sendJson(method, path, confirmed(json, member.password(), member.currentCode())));
    }

    /** As {@link #send}, with the password and code given (a wrong one, for a refusal). */
    public Api.Response sendWith(String method, String path, String json, String password, String code) {
        return response(session.sendJson(method, path, confirmed(json, password, code)));
    }

    /** POSTs the file as multipart field {@code file}, with {@code currentPassword} and {@code code} fields. */
    public Api.Response upload(String path, String filename, String content) {
        String boundary = "----pw" + UUID.randomUUID();
        String body = part(boundary, "currentPassword", member.password())
                + part(boundary, "code", member.currentCode())
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"" + filename + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n"
                + content + "\r\n--" + boundary + "--\r\n";
        return response(session.postBytes(
                path, "multipart/form-data; boundary=" + boundary, body.getBytes(StandardCharsets.ISO_8859_1)));
    }

    private static String part(String boundary, String name, String value) {
        return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }

    /** The JSON object with the two re-authentication fields added at its start. */
    public static String confirmed(String json, String password, String code) {
        String fields = "\"currentPassword\":" + quoted(password) + ",\"code\":" + quoted(code);
        if (json == null || json.isBlank()) {
            return "{" + fields + "}";
        }
        String body = json.strip();
        String rest = body.substring(1).strip();
        return "{" + fields + (rest.startsWith("}") ? "" : ",") + rest;
    }

    private static String quoted(String s) {
        return s == null ? "null" : "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static Api.Response response(HttpResponse<String> r) {
        return new Api.Response(
                r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    }
}
