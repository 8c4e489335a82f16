package org.platewatch.server.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.support.MutableClock;
import org.platewatch.server.support.PlatewatchServerTest;
import org.platewatch.server.support.SessionClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Sign-in attempts from the network cannot fill the audit log or hold its lock: after the per-address
 * limit (default 20 in 15 minutes) further attempts are refused before any check, and attempts for
 * accounts that do not exist are audited once per address per window.
 */
@PlatewatchServerTest
class SignInFloodTest {

    private static final String PASSWORD = "correct horse battery staple";

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

    @Test
    void aFloodOfUnknownNamesIsAuditedOnceThenRefusedUnchecked() {
        String username = "member-" + UUID.randomUUID().toString().substring(0, 6);
        accounts.create(
                new UserAccounts.NewUser(
                        username,
                        "Officer Member",
                        Role.OFFICER,
                        false,
                        training.today().minusDays(5)),
                PASSWORD,
                Actor.SYSTEM);

        for (int i = 0; i < 20; i++) {
            assertThat(signIn("nobody-" + i + "-" + username, "guess " + i, "123456"))
                    .contains("error");
        }
        assertThat(count("user.sign-in-failed", "user:nobody-%"))
                .as("one record per address per window")
                .isEqualTo(1);
        assertThat(count("user.sign-in-throttled", "%")).isEqualTo(1);

        long before =
                jdbc.sql("SELECT count(*) FROM audit_events").query(Long.class).single();
        for (int i = 0; i < 5; i++) {
            assertThat(signIn("nobody-more-" + i, "guess", "123456")).contains("error");
        }
        // Even the right password and code are refused from a throttled address, and nothing is written.
        assertThat(signIn(username, PASSWORD, code(username))).contains("error");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_events")
                        .query(Long.class)
                        .single())
                .isEqualTo(before);
        assertThat(accounts.findByUsername(username).orElseThrow().locked()).isFalse();

        ((MutableClock) clock).advance(Duration.ofMinutes(16));
        try {
            assertThat(signIn(username, PASSWORD, code(username))).doesNotContain("error");
            assertThat(count("user.signed-in", "user:" + username)).isEqualTo(1);
        } finally {
            ((MutableClock) clock).reset();
        }
    }

    private String code(String username) {
        return secondFactor.currentCode(
                accounts.signInRecord(username).orElseThrow().totpSecret());
    }

    private long count(String action, String subjectLike) {
        return jdbc.sql("SELECT count(*) FROM audit_events WHERE action = ? AND subject LIKE ?")
                .params(action, subjectLike)
                .query(Long.class)
                .single();
    }

    /** Signs in through the real form with a fresh cookie jar; returns the redirect's Location. */
    private String signIn(String user, String password, String code) {
        HttpResponse<String> r = new SessionClient(port).signIn(user, password, code);
        assertThat(r.statusCode()).isEqualTo(302);
        return r.headers().firstValue("Location").orElse("");
    }
}
