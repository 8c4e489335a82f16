package org.platewatch.bench;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.time.SystemTimeProvider;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A member at the console, as a browser would be, without a browser: signs in with the one-time
 * password, changes it and enrols the second factor on the first-sign-in page, then makes
 * administrative writes the way the console does (on the session, with the CSRF token, the
 * password and a fresh code). Administration cannot be done with an API token.
 */
final class ConsoleSession {

    private static final Pattern CSRF =
            Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"");
    private static final Pattern SECRET = Pattern.compile("id=\"enrol-secret\"[^>]*>([A-Z2-7=]+)<");
    private static final long STEP_SECONDS = 30;

    private final HttpClient http =
            HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    private final Function<String, URI> uri;
    private final String password;
    private String secret;
    private long lastStep;

    private ConsoleSession(Function<String, URI> uri, String password) {
        this.uri = uri;
        this.password = password;
    }

    /** Signs in with the one-time password, sets {@code newPassword} and enrols the second factor. */
    static ConsoleSession firstSignIn(
            Function<String, URI> uri, String username, String oneTimePassword, String newPassword) throws Exception {
        ConsoleSession session = new ConsoleSession(uri, newPassword);
        HttpResponse<String> signedIn =
                session.form("/login", Map.of("username", username, "password", oneTimePassword), "/login");
        String page = session.send(
                        HttpRequest.newBuilder(uri.apply("/account/password")).GET())
                .body();
        Matcher m = SECRET.matcher(page);
        if (!m.find()) {
            throw new IllegalStateException("the first-sign-in page shows no second-factor key (sign-in answered "
                    + signedIn.statusCode() + " "
                    + signedIn.headers().firstValue("Location").orElse("") + "): "
                    + page.substring(0, Math.min(page.length(), 300)));
        }
        session.secret = m.group(1);
        HttpResponse<String> changed = session.form(
                "/account/password",
                Map.of(
                        "currentPassword",
                        oneTimePassword,
                        "newPassword",
                        newPassword,
                        "confirmPassword",
                        newPassword,
                        "code",
                        session.freshCode()),
                "/account/password");
        if (changed.statusCode() != 302) {
            throw new IllegalStateException("the password change answered " + changed.statusCode());
        }
        return session;
    }

    /** Sends a console write with the re-authentication fields as multipart or JSON (the body is built by the caller). */
    HttpResponse<String> write(HttpRequest.Builder request) throws Exception {
        return send(request.header("X-CSRF-TOKEN", csrf("/login")));
    }

    String password() {
        return password;
    }

    /**
     * A code of a time step not used yet: the server takes each code once, so a second write in the
     * same 30 seconds waits for the next step.
     */
    String freshCode() throws InterruptedException, CodeGenerationException {
        long step;
        while ((step = new SystemTimeProvider().getTime() / STEP_SECONDS) <= lastStep) {
            Thread.sleep(1000);
        }
        lastStep = step;
        return new DefaultCodeGenerator().generate(secret, step);
    }

    private HttpResponse<String> form(String path, Map<String, String> fields, String csrfPage) throws Exception {
        String body = fields.entrySet().stream()
                        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&"))
                + "&_csrf=" + URLEncoder.encode(csrf(csrfPage), StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(uri.apply(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private String csrf(String page) throws IOException, InterruptedException {
        Matcher m =
                CSRF.matcher(send(HttpRequest.newBuilder(uri.apply(page)).GET()).body());
        if (!m.find()) {
            throw new IllegalStateException(page + " carries no CSRF token");
        }
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
