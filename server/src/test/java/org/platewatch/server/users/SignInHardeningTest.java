package org.platewatch.server.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.support.MutableClock;
import org.platewatch.server.support.PlatewatchServerTest;
import org.platewatch.server.support.SessionClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Sign-in as an attacker on the network tries it (issue 15, item 9), through the real server and database:
 * a forwarded address is believed only from a trusted proxy, a lock-out ends by itself, the answer says
 * "locked" or "disabled" only to the holder of the password, and parallel guesses cannot pass the limit.
 *
 * <p>Each client connects from its own loopback address (127.0.0.x; Linux routes all of 127/8 to lo), so the
 * per-address throttle of one test never refuses another's. 127.0.0.2 is the trusted proxy.
 */
@PlatewatchServerTest
@TestPropertySource(properties = "platewatch.network.trusted-proxies=127.0.0.2/32, 10.9.0.0/16")
class SignInHardeningTest {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String WRONG_ANSWER = "Sign-in failed: check your username, password and code.";

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts accounts;

    @Autowired
    TrainingRecords training;

    @Autowired
    SecondFactor secondFactor;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    String username;

    @BeforeEach
    void setUp() {
        ((MutableClock) clock).reset();
        username = "member-" + UUID.randomUUID().toString().substring(0, 6);
        accounts.create(
                new UserAccounts.NewUser(
                        username,
                        "Officer Member",
                        Role.OFFICER,
                        false,
                        training.today().minusDays(5)),
                PASSWORD,
                Actor.SYSTEM);
    }

    @AfterEach
    void resetClock() {
        ((MutableClock) clock).reset();
    }

    @Test
    void aSpoofedForwardedForFromAnUntrustedClientIsIgnored() {
        Raw client = new Raw("127.0.0.3");
        for (int i = 0; i < 3; i++) {
            assertThat(client.signIn(
                            "nobody-" + i + "-" + username,
                            "guess",
                            Map.of(
                                    "X-Forwarded-For",
                                    "198.51.100." + (i + 1),
                                    "Forwarded",
                                    "for=198.51.100." + (i + 1))))
                    .contains("error");
        }
        // One address (the socket's): the unknown names are audited once, under 127.0.0.3.
        assertThat(unknownAccountAddresses()).containsExactly("127.0.0.3");

        // And the throttle counts the socket's address, whatever the header says: after 20 failures it refuses
        // even the right password, unchecked.
        for (int i = 3; i < 20; i++) {
            client.signIn("nobody-" + i + "-" + username, "guess", Map.of("X-Forwarded-For", "203.0.113." + i));
        }
        assertThat(jdbc.sql("SELECT count(*) FROM audit_events WHERE action = 'user.sign-in-throttled' "
                                + "AND subject = 'address:127.0.0.3'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(client.signIn(username, PASSWORD, Map.of("X-Forwarded-For", "203.0.113.99")))
                .contains("error");
        assertThat(count("user.signed-in")).isZero();
    }

    @Test
    void aTrustedProxysForwardedAddressIsTheClient() {
        Raw proxy = new Raw("127.0.0.2");
        proxy.signIn("nobody-a-" + username, "guess", Map.of("X-Forwarded-For", "192.0.2.10"));
        // the client may have sent its own header: only the hop the proxy added (the right end) is believed,
        // and further trusted proxies in the chain are skipped
        proxy.signIn("nobody-b-" + username, "guess", Map.of("X-Forwarded-For", "198.51.100.66, 192.0.2.11, 10.9.1.1"));
        proxy.signIn("nobody-c-" + username, "guess", Map.of("Forwarded", "for=\"[2001:db8::7]:4711\";proto=https"));
        assertThat(unknownAccountAddresses()).containsExactly("192.0.2.10", "192.0.2.11", "2001:db8::7");
    }

    @Test
    void aLockOutEndsByItselfAfterTenMinutes() {
        for (int i = 1; i <= 5; i++) {
            assertThat(answer(new SessionClient(port), username, "wrong " + i))
                    .as("attempt " + i)
                    .isEqualTo(WRONG_ANSWER);
        }
        assertThat(accounts.findByUsername(username).orElseThrow().locked()).isTrue();
        assertThat(answer(new SessionClient(port), username, PASSWORD)).contains("locked");

        ((MutableClock) clock).advance(Duration.ofMinutes(9));
        assertThat(answer(new SessionClient(port), username, PASSWORD))
                .as("still locked after 9 minutes")
                .contains("locked");
        ((MutableClock) clock).advance(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(accounts.findByUsername(username).orElseThrow().locked()).isFalse();
        SessionClient holder = new SessionClient(port);
        assertThat(holder.signIn(username, PASSWORD, currentCode())
                        .headers()
                        .firstValue("Location")
                        .orElse(""))
                .doesNotContain("error");
        assertThat(holder.get("/api/v1/users/me").statusCode()).isEqualTo(200);
        assertThat(count("user.locked")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT failed_sign_ins FROM users WHERE username = ?")
                        .param(username)
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void aWrongPasswordOnALockedOrDisabledAccountGetsThePlainWrongPasswordAnswer() {
        String stranger = answer(new SessionClient(port), "nobody-" + username, "guess");
        assertThat(stranger).isEqualTo(WRONG_ANSWER);
        for (int i = 1; i <= 5; i++) {
            answer(new SessionClient(port), username, "wrong " + i);
        }
        assertThat(accounts.findByUsername(username).orElseThrow().locked()).isTrue();
        assertThat(answer(new SessionClient(port), username, "wrong again")).isEqualTo(stranger);
        assertThat(answer(new SessionClient(port), username, PASSWORD)).contains("locked");
        // not counted while locked: the count stays at the limit
        assertThat(jdbc.sql("SELECT failed_sign_ins FROM users WHERE username = ?")
                        .param(username)
                        .query(Integer.class)
                        .single())
                .isEqualTo(5);

        accounts.unlock(username, Actor.SYSTEM);
        accounts.disable(username, Actor.SYSTEM);
        assertThat(answer(new SessionClient(port), username, "wrong")).isEqualTo(stranger);
        assertThat(answer(new SessionClient(port), username, PASSWORD)).contains("disabled");
    }

    @Test
    void parallelWrongPasswordsNeverCountPastTheLimit() throws Exception {
        Raw[] clients = new Raw[20];
        List<String[]> forms = new ArrayList<>();
        for (int i = 0; i < clients.length; i++) {
            clients[i] = new Raw("127.0.0.4");
            forms.add(clients[i].prepare()); // the GET /login of each, before the race
        }
        ExecutorService pool = Executors.newFixedThreadPool(clients.length);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<String>> attempts = new ArrayList<>();
            for (int i = 0; i < clients.length; i++) {
                Raw c = clients[i];
                String[] csrf = forms.get(i);
                String guess = "guess " + i;
                attempts.add(pool.submit(() -> {
                    start.await();
                    return c.post(csrf, username, guess, Map.of());
                }));
            }
            start.countDown();
            for (Future<String> f : attempts) {
                assertThat(f.get()).contains("error");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("SELECT failed_sign_ins FROM users WHERE username = ?")
                        .param(username)
                        .query(Integer.class)
                        .single())
                .isEqualTo(5);
        assertThat(count("user.locked")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT terms FROM audit_events WHERE action = 'user.sign-in-failed' AND subject = ?")
                        .param("user:" + username)
                        .query(String.class)
                        .list())
                .filteredOn(t -> t.contains("consecutive-failures="))
                .extracting(t -> t.replaceAll(".*consecutive-failures=", ""))
                .containsExactlyInAnyOrder("1", "2", "3", "4", "5");
    }

    @Test
    void anIdleSessionsApiCallsAreRefusedAfterTheIdleTimeHowEverOftenItsBackgroundCallsCame() {
        SessionClient console = new SessionClient(port);
        assertThat(console.signIn(username, PASSWORD, currentCode())
                        .headers()
                        .firstValue("Location")
                        .orElse(""))
                .doesNotContain("error");
        assertThat(console.get("/api/v1/users/me").statusCode()).isEqualTo(200); // an action of the member
        for (int i = 1; i <= 2; i++) {
            ((MutableClock) clock).advance(Duration.ofMinutes(10));
            assertThat(console.get("/api/v1/users/me", Map.of("X-Platewatch-Background", "1"))
                            .statusCode())
                    .as("a background call after %d minutes", 10 * i)
                    .isEqualTo(200);
        }
        ((MutableClock) clock).advance(Duration.ofMinutes(10)); // 30 minutes after the member's last action
        java.net.http.HttpResponse<String> after =
                console.get("/api/v1/users/me", Map.of("X-Platewatch-Background", "1"));
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(after.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(after.body()).contains("without activity");
        assertThat(console.get("/api/v1/users/me").statusCode())
                .as("the session is over")
                .isEqualTo(401);
    }

    /** What the sign-in page says after the attempt. */
    private String answer(SessionClient browser, String user, String password) {
        String location = browser.signIn(user, password, currentCode())
                .headers()
                .firstValue("Location")
                .orElse("");
        assertThat(location).contains("error");
        Matcher m = Pattern.compile("id=\"signin-error\"[^>]*>([^<]*)<")
                .matcher(browser.get("/login?error").body());
        assertThat(m.find()).isTrue();
        return m.group(1).trim();
    }

    private List<String> unknownAccountAddresses() {
        return jdbc.sql("SELECT client_address FROM audit_events WHERE action = 'user.sign-in-failed' "
                        + "AND subject LIKE ? ORDER BY id")
                .param("user:nobody-%" + username)
                .query(String.class)
                .list();
    }

    private String currentCode() {
        return secondFactor.currentCode(
                accounts.signInRecord(username).orElseThrow().totpSecret());
    }

    private long count(String action) {
        return jdbc.sql("SELECT count(*) FROM audit_events WHERE action = ? AND subject = ?")
                .params(action, "user:" + username)
                .query(Long.class)
                .single();
    }

    /**
     * HTTP/1.1 over a plain socket from a chosen loopback address (the JDK's client cannot pick its source
     * address), with the headers a proxy or a spoofing client would send. One session per instance.
     */
    private final class Raw {
        private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
        private static final Pattern COOKIE = Pattern.compile("(?im)^Set-Cookie: (JSESSIONID=[^;]+)");
        private final String from;

        Raw(String from) {
            this.from = from;
        }

        /** GET /login: {session cookie, CSRF token}. */
        String[] prepare() {
            String response = exchange("GET /login HTTP/1.1\r\n", Map.of(), null, null);
            Matcher cookie = COOKIE.matcher(response);
            Matcher csrf = CSRF.matcher(response);
            assertThat(cookie.find() && csrf.find())
                    .as("the sign-in page opens a session with a CSRF token")
                    .isTrue();
            return new String[] {cookie.group(1), csrf.group(1)};
        }

        /** Signs in; the answer's Location header. */
        String signIn(String user, String password, Map<String, String> headers) {
            return post(prepare(), user, password, headers);
        }

        String post(String[] session, String user, String password, Map<String, String> headers) {
            String body =
                    "username=" + enc(user) + "&password=" + enc(password) + "&code=123456&_csrf=" + enc(session[1]);
            String response = exchange("POST /login HTTP/1.1\r\n", headers, session[0], body);
            Matcher location = Pattern.compile("(?im)^Location: (.*)$").matcher(response);
            return location.find()
                    ? location.group(1).trim()
                    : response.lines().findFirst().orElse("");
        }

        @SuppressWarnings("AddressSelection") // both are literal loopback addresses: no name is looked up
        private String exchange(String requestLine, Map<String, String> headers, String cookie, String body) {
            try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(from), 0)) {
                StringBuilder request = new StringBuilder(requestLine)
                        .append("Host: localhost:")
                        .append(port)
                        .append("\r\nConnection: close\r\n");
                headers.forEach(
                        (k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
                if (cookie != null) {
                    request.append("Cookie: ").append(cookie).append("\r\n");
                }
                byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
                if (body != null) {
                    request.append("Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ")
                            .append(content.length)
                            .append("\r\n");
                }
                request.append("\r\n");
                OutputStream out = socket.getOutputStream();
                out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
                out.write(content);
                out.flush();
                InputStream in = socket.getInputStream();
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static String enc(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }
    }
}
