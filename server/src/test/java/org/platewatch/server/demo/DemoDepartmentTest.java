package org.platewatch.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.platewatch.server.platform.PlatewatchProperties;
import org.platewatch.server.support.Api;
import org.platewatch.server.support.PlatewatchServerTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** {@code serve --demo}: a department to try, whose cameras raise alerts on their own soon after start. */
@PlatewatchServerTest
@TestPropertySource(properties = {"platewatch.demo=true", "platewatch.users.second-factor=off-in-demo"})
class DemoDepartmentTest {

    @LocalServerPort
    int port;

    @Autowired
    PlatewatchProperties properties;

    @Autowired
    JdbcClient jdbc;

    @Test
    void seedsMembersOfEveryRoleCamerasADayOfReadsAndRaisesAlertsSoonAfterStart() throws Exception {
        Path file = DemoCredentials.file(properties.dataDir());
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        JsonNode credentials = Api.parse(Files.readString(file));
        Set<String> roles = java.util.stream.StreamSupport.stream(
                        credentials.get("users").spliterator(), false)
                .map(u -> u.get("role").asString())
                .collect(Collectors.toSet());
        assertThat(roles).contains("officer", "investigator", "supervisor", "administrator", "auditor");
        assertThat(credentials.get("devices").size())
                .isEqualTo(DemoCity.FIXED_CAMERAS.size() + DemoCity.PATROL_CARS.size());
        assertThat(jdbc.sql("SELECT count(*) FROM detections").query(Long.class).single())
                .isGreaterThan(1000);
        assertThat(jdbc.sql("SELECT count(DISTINCT plate) FILTER (WHERE n > 2) FROM (SELECT plate, count(*) n "
                                + "FROM detections GROUP BY plate) p")
                        .query(Long.class)
                        .single())
                .as("commuters and local cars recur")
                .isGreaterThan(50);

        String officerToken = null;
        for (JsonNode user : credentials.get("users")) {
            if (user.get("username").asString().equals("officer")) {
                officerToken = user.get("token").asString();
            }
        }
        Api api = new Api(port);
        long deadline = System.currentTimeMillis() + 60_000;
        JsonNode alerts = api.get("/api/v1/alerts", officerToken).json();
        while (alerts.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(1000);
            alerts = api.get("/api/v1/alerts", officerToken).json();
        }
        assertThat(alerts.size())
                .as("an alert from the demo feed within a minute")
                .isPositive();
        assertThat(alerts.get(0).get("entry").get("list").asString()).isEqualTo("demo-svs");
    }
}
