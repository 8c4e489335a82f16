package org.platewatch.server.hotlist;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
import org.springframework.test.context.TestPropertySource;

/**
 * Where lists come from: HTTPS or the configured source directory (here java.io.tmpdir, see the tests'
 * application.properties), downloads bounded in size and time, and errors that never quote a list.
 */
@PlatewatchServerTest
@TestPropertySource(properties = {"platewatch.hotlist.max-download-size=4KB", "platewatch.hotlist.fetch-timeout=2s"})
class HotlistSourceApiTest {

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts accounts;

    @Autowired
    PersonalTokens tokens;

    @Autowired
    HotlistFetcher fetcher;

    @Autowired
    HotlistMatcher matcher;

    @Autowired
    DepartmentProfile profile;

    @Autowired
    Clock clock;

    Api api;
    AdminSession admin;
    String officer;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        admin = AdminSession.signIn(port, accounts, tokens, clock);
        officer = HotlistFixtures.member(accounts, tokens, Role.OFFICER, true, TestDates.trainedRecently());
    }

    @Test
    void plainHttpAndPathsOutsideTheSourceDirectoryAreRefusedAtDesignation(@TempDir Path dir) throws IOException {
        refused("h1", "http://lists.example.org/ncic.csv");
        refused("h2", "ftp://lists.example.org/ncic.csv");
        refused("p1", "/etc/passwd");
        refused("p2", dir + "/../../etc/passwd");
        refused("p3", "relative/ncic.csv");
        Path escape = Files.createSymbolicLink(dir.resolve("escape"), Path.of("/etc"));
        refused("p4", escape.toString());
        refused("p5", escape + "/passwd");
        assertThat(api.get("/api/v1/hotlists", admin.token()).body())
                .doesNotContain("\"h1\"", "\"p1\"", "\"p4\"", "\"p5\"");

        HotlistFixtures.designate(api, admin, "ok1", "NCIC", "CSV", "\"location\":\"https://lists.example.org/a.csv\"");
        HotlistFixtures.designate(
                api, admin, "ok2", "NCIC", "CSV", "\"location\":\"" + dir.resolve("later.csv") + "\"");
    }

    @Test
    void aLinkChangedAfterDesignationToLeadOutsideIsNotRead(@TempDir Path dir) throws IOException {
        Path inside = Files.createDirectory(dir.resolve("lists"));
        Path link = Files.createSymbolicLink(dir.resolve("current"), inside);
        long id = HotlistFixtures.designate(api, admin, "lnk", "NCIC", "CSV", "\"location\":\"" + link + "\"");
        Files.delete(link);
        Files.createSymbolicLink(link, Path.of("/etc"));
        fetcher.fetchAll();
        assertThat(lastError(id)).contains("inside");
    }

    @Test
    void aBadLineIsNamedWithoutItsContent() {
        long csv = HotlistFixtures.designate(api, admin, "bad", "NCIC", "CSV", null);
        Api.Response r = HotlistFixtures.upload(
                api,
                port,
                "/api/v1/hotlists/" + csv + "/imports",
                admin,
                "bad.csv",
                "plate,state,reason\n7SEC001,CA,Stolen\n7SEC002,ZQ,Stolen\n");
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.body()).contains("line 3").contains("not a state code").doesNotContain("ZQ", "7SEC002");
        assertThat(lastError(csv)).contains("line 3").doesNotContain("ZQ", "7SEC002");

        long doj = HotlistFixtures.designate(api, admin, "bdj", "CA_DOJ_SVS", "CA_DOJ", null);
        Api.Response d = HotlistFixtures.upload(
                api,
                port,
                "/api/v1/hotlists/" + doj + "/imports",
                admin,
                "svs.tbl",
                HotlistFixtures.dojFile(clock, profile.zone(), List.<String[]>of(new String[] {"7SEC003", "QZ"})));
        assertThat(d.status()).as(d.body()).isEqualTo(422);
        assertThat(d.body()).contains("line 2").doesNotContain("QZ", "7SEC003");
    }

    @Test
    void aDownloadOverTheSizeLimitOrPastTheDeadlineKeepsTheListInForce() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/big.csv", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("plate,state\n".getBytes(StandardCharsets.UTF_8));
                for (int i = 0; i < 2_000; i++) {
                    out.write(("8BIG" + i + ",CA\n").getBytes(StandardCharsets.UTF_8));
                }
            } catch (IOException cutOff) {
                // the fetcher stops reading: expected
            }
        });
        server.createContext("/slow.csv", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("plate,state\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                Thread.sleep(5_000);
                out.write("8SLO001,CA\n".getBytes(StandardCharsets.UTF_8));
            } catch (IOException | InterruptedException cutOff) {
                // the fetcher gave up: expected
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        try {
            String base = "http://localhost:" + server.getAddress().getPort();
            long big = HotlistFixtures.designate(
                    api, admin, "big", "NCIC", "CSV", "\"location\":\"" + base + "/big.csv\"");
            long slow = HotlistFixtures.designate(
                    api, admin, "slo", "NCIC", "CSV", "\"location\":\"" + base + "/slow.csv\"");
            fetcher.fetchAll();
            assertThat(lastError(big)).contains("max-download-size");
            // The headers came at once; the body would take 5 s: only a deadline on the whole download ends it.
            assertThat(lastError(slow)).containsIgnoringCase("time");
            assertThat(matcher.match("8SLO001", "CA")).isEmpty();
            assertThat(matcher.match("8BIG1", "CA")).isEmpty();
        } finally {
            server.stop(0);
        }
    }

    private String lastError(long id) {
        return api.get("/api/v1/hotlists/" + id, officer)
                .json()
                .get("lastError")
                .asString();
    }

    private void refused(String code, String location) {
        Api.Response r = admin.postJson(
                "/api/v1/hotlists",
                "{\"hotlist\":" + HotlistFixtures.list(code, "NCIC", "CSV", "\"location\":\"" + location + "\"") + "}");
        assertThat(r.status()).as(location + ": " + r.body()).isEqualTo(400);
        assertThat(r.isProblem()).isTrue();
        assertThat(r.json().get("field").asString()).endsWith("location");
    }
}
