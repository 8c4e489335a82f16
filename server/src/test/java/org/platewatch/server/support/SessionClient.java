package org.platewatch.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The console's sign-in as a browser does it, without a browser: keeps its cookies, follows no
 * redirects, takes the CSRF token from GET /login and posts the form (username, password, code).
 */
public final class SessionClient {

    private static final Pattern CSRF =
            Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"");

    private final HttpClient http =
            HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    private final int port;

    public SessionClient(int port) {
        this.port = port;
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** A GET with extra headers, such as the console's background marker. */
    public HttpResponse<String> get(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        headers.forEach(request::header);
        return send(request);
    }

    /** A JSON call riding on the session, with the CSRF token a console page would send. */
    public HttpResponse<String> postJson(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .header("X-CSRF-TOKEN", csrfToken(get("/login").body()))
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A JSON call of any method riding on the session, with the CSRF token. */
    public HttpResponse<String> sendJson(String method, String path, String json) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .header("X-CSRF-TOKEN", csrfToken(get("/login").body()))
                .method(method, HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A POST of raw bytes (a multipart upload) riding on the session, with the CSRF token. */
    public HttpResponse<String> postBytes(String path, String contentType, byte[] body) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", contentType)
                .header("X-CSRF-TOKEN", csrfToken(get("/login").body()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** Posts the sign-in form; {@code code} null leaves the second-factor field out. */
    public HttpResponse<String> signIn(String user, String password, String code) {
        HttpResponse<String> page = get("/login");
        assertThat(page.statusCode()).isEqualTo(200);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("username", user);
        form.put("password", password);
        if (code != null) {
            form.put("code", code);
        }
        form.put("_csrf", csrfToken(page.body()));
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static String csrfToken(String page) {
        Matcher m = CSRF.matcher(page);
        assertThat(m.find()).as("the sign-in page carries a CSRF token").isTrue();
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
