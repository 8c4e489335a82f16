package org.platewatch.server.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.platewatch.server.hotlist.HotlistFixtures;
import org.platewatch.server.support.PlatewatchServerTest;
import org.platewatch.server.support.TestDates;
import org.platewatch.server.users.PersonalTokens;
import org.platewatch.server.users.Role;
import org.platewatch.server.users.UserAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

@PlatewatchServerTest
@TestPropertySource(properties = {"platewatch.alert.heartbeat=200ms", "platewatch.alert.stream-timeout=2s"})
class AlertStreamLifecycleTest {

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts accounts;

    @Autowired
    PersonalTokens tokens;

    @Autowired
    AlertStream stream;

    @Test
    void aStreamGetsHeartbeatsAndEndsAtItsTimeoutAndIsDropped() throws Exception {
        String officer = HotlistFixtures.member(accounts, tokens, Role.OFFICER, false, TestDates.trainedRecently());
        try (SseReader reader = new SseReader(port, officer)) {
            // The server ends the HTTP response at the stream timeout (2 s), having sent heartbeats (200 ms).
            assertThat(reader.endsWithin(Duration.ofSeconds(10)))
                    .as("the stream ends at its timeout")
                    .isTrue();
            List<String> lines = reader.drain();
            assertThat(lines).contains(":connected");
            assertThat(lines.stream().filter(":heartbeat"::equals).count()).isGreaterThanOrEqualTo(2);
        }
        // ...and forgets it, so heartbeats and alerts are not sent to it any more.
        Thread.sleep(300);
        assertThat(stream.openStreams()).isZero();
    }

    @Test
    void aStreamNeedsAMemberWhoSeesAlerts() throws Exception {
        String auditor = HotlistFixtures.member(accounts, tokens, Role.AUDITOR, false, TestDates.trainedRecently());
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/alerts/stream"))
                                .header("Authorization", "Bearer " + auditor)
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(403);
        HttpResponse<String> anonymous = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/alerts/stream"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }
}
