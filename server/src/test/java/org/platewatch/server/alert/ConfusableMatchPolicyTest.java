package org.platewatch.server.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.platewatch.server.hotlist.HotlistFixtures;
import org.platewatch.server.ingest.DeviceKind;
import org.platewatch.server.ingest.DeviceRegistration;
import org.platewatch.server.ingest.DeviceRegistry;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.policy.DepartmentProfile;
import org.platewatch.server.support.AdminSession;
import org.platewatch.server.support.Api;
import org.platewatch.server.support.PlatewatchServerTest;
import org.platewatch.server.support.TestDates;
import org.platewatch.server.users.PersonalTokens;
import org.platewatch.server.users.Role;
import org.platewatch.server.users.UserAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * {@code platewatch.alert.confusable-matches} through the real server: a read of "5C0N123" (zero) against
 * listed "5CON123" (letter O) is a CONFUSABLE match. Each policy runs on its own server. The exact hit
 * posted after it shows the stream was live: one sender thread pushes alerts in the order they were raised,
 * so a confusable alert that was pushed would have arrived before it.
 */
class ConfusableMatchPolicyTest {

    abstract static class PolicyCase {

        @LocalServerPort
        int port;

        @Autowired
        UserAccounts accounts;

        @Autowired
        PersonalTokens tokens;

        @Autowired
        DeviceRegistry devices;

        @Autowired
        DepartmentProfile profile;

        @Autowired
        JdbcClient jdbc;

        @Autowired
        Clock clock;

        Api api;
        String camera;
        String officer;

        @BeforeEach
        void setUp() {
            api = new Api(port);
            String suffix = UUID.randomUUID().toString().substring(0, 6);
            camera = devices.register(
                            new DeviceRegistration("cam-" + suffix, DeviceKind.FIXED, 37.80, -122.27, 90.0),
                            Actor.SYSTEM)
                    .token();
            officer = HotlistFixtures.member(accounts, tokens, Role.OFFICER, true, TestDates.trainedRecently());
            AdminSession admin = AdminSession.signIn(port, accounts, tokens, clock);
            long list = HotlistFixtures.designate(api, admin, "svs-" + suffix, "CA_DOJ_SVS", "CA_DOJ", null);
            Api.Response imported = HotlistFixtures.upload(
                    api,
                    port,
                    "/api/v1/hotlists/" + list + "/imports",
                    admin,
                    "svs.tbl",
                    HotlistFixtures.dojFile(
                            clock, profile.zone(), List.of(new String[] {"5CON123", "CA"}, new String[] {"5EXA123", "CA"
                            })));
            assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        }

        UUID postRead(String plate) {
            UUID id = UUID.randomUUID();
            Api.Response r = api.postJson(
                    "/api/v1/reads",
                    camera,
                    "{\"reads\":[{\"readId\":\"" + id
                            + "\",\"plate\":\"" + plate + "\",\"state\":\"CA\",\"confidence\":0.93,\"capturedAt\":\""
                            + Instant.now().minusSeconds(2) + "\"}]}");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            return id;
        }

        List<String> storedMatchKinds(UUID readId) {
            return jdbc.sql("SELECT match_kind FROM alerts WHERE read_id = ?")
                    .param(readId)
                    .query(String.class)
                    .list();
        }

        long detections(UUID readId) {
            return jdbc.sql("SELECT count(*) FROM detections WHERE read_id = ?")
                    .param(readId)
                    .query(Long.class)
                    .single();
        }
    }

    @Nested
    @PlatewatchServerTest
    @TestPropertySource(properties = "platewatch.alert.confusable-matches=RECORD")
    class RecordPolicy extends PolicyCase {

        @Test
        void aConfusableMatchIsStoredAndListedButNotPushed() throws Exception {
            try (SseReader stream = new SseReader(port, officer)) {
                UUID confusable = postRead("5C0N123");
                UUID exact = postRead("5EXA123");
                JsonNode first = stream.next("alert", Duration.ofSeconds(10));
                assertThat(first.get("read").get("readId").asString()).isEqualTo(exact.toString());
                assertThat(first.get("matchKind").asString()).isEqualTo("EXACT");

                assertThat(storedMatchKinds(confusable)).containsExactly("CONFUSABLE");
                JsonNode listed = api.get("/api/v1/alerts?state=ALERT", officer).json();
                assertThat(listed.findValues("readId").stream().map(JsonNode::asString))
                        .contains(confusable.toString(), exact.toString());
            }
        }
    }

    @Nested
    @PlatewatchServerTest
    @TestPropertySource(properties = "platewatch.alert.confusable-matches=IGNORE")
    class IgnorePolicy extends PolicyCase {

        @Test
        void aConfusableMatchRaisesNoAlertAtAllWhileTheReadIsStored() throws Exception {
            try (SseReader stream = new SseReader(port, officer)) {
                UUID confusable = postRead("5C0N123");
                UUID exact = postRead("5EXA123");
                JsonNode first = stream.next("alert", Duration.ofSeconds(10));
                assertThat(first.get("read").get("readId").asString()).isEqualTo(exact.toString());

                assertThat(storedMatchKinds(confusable)).isEmpty();
                assertThat(storedMatchKinds(exact)).containsExactly("EXACT");
                assertThat(detections(confusable)).isEqualTo(1);
            }
        }
    }
}
