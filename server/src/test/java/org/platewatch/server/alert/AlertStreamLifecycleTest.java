package org.platewatch.server.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.platewatch.server.hotlist.HotlistFixtures;
import org.platewatch.server.support.TestDates;
import org.platewatch.server.support.PlatewatchServerTest;
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
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/alerts/stream"))
                .header("Authorization", "Bearer " + officer).GET().build();
        HttpResponse<java.util.stream.Stream<String>> response = HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.ofLines()).get(10, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        assertThat(stream.openStreams()).isEqualTo(1);
        List<String> lines = new CopyOnWriteArrayList<>();
        // The body ends when the server completes the stream at its timeout.
        response.body().forEach(lines::add);
        assertThat(lines).contains(":connected");
        assertThat(lines.stream().filter(":heartbeat"::equals).count()).isGreaterThanOrEqualTo(2);
        Thread.sleep(300);
        assertThat(stream.openStreams()).isZero();
    }

    @Test
    void aStreamNeedsAMemberWhoSeesAlerts() throws Exception {
        String auditor = HotlistFixtures.member(accounts, tokens, Role.AUDITOR, false, TestDates.trainedRecently());
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/alerts/stream"))
                .header("Authorization", "Bearer " + auditor).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(403);
        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/v1/alerts/stream")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }
}
