package org.platewatch.server.hotlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.platewatch.plate.hotlist.MatchKind;
import org.platewatch.server.policy.DepartmentProfile;
import org.platewatch.server.support.AdminSession;
import org.platewatch.server.support.Api;
import org.platewatch.server.support.MutableClock;
import org.platewatch.server.support.PlatewatchServerTest;
import org.platewatch.server.support.TestDates;
import org.platewatch.server.users.PersonalTokens;
import org.platewatch.server.users.Role;
import org.platewatch.server.users.UserAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@PlatewatchServerTest
class HotlistImportApiTest {

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts accounts;

    @Autowired
    PersonalTokens tokens;

    @Autowired
    HotlistMatcher matcher;

    @Autowired
    HotlistFetcher fetcher;

    @Autowired
    Hotlists hotlists;

    @Autowired
    DepartmentProfile profile;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DemoHotlist demo;

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

    @AfterEach
    void resetClock() {
        ((MutableClock) clock).reset();
    }

    private String doj(List<String[]> plates) {
        return HotlistFixtures.dojFile(clock, profile.zone(), plates);
    }

    @Test
    void importsACaDojFileAndMatchesIt() {
        long id = HotlistFixtures.designate(api, admin, "svs", "CA_DOJ_SVS", "CA_DOJ", null);
        Api.Response r = HotlistFixtures.upload(
                api,
                port,
                "/api/v1/hotlists/" + id + "/imports",
                admin,
                "svs.tbl",
                doj(List.<String[]>of(
                        new String[] {"1SVS001", "CA"}, new String[] {"1SVS002", "NV"}, new String[] {"ABC", "CA"})));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("records").asInt()).isEqualTo(3);
        assertThat(r.json().get("loaded").asInt()).isEqualTo(3);
        assertThat(r.json().get("droppedImmigration").asInt()).isZero();

        assertThat(matcher.match("1SVS001", "CA"))
                .singleElement()
                .satisfies(m -> assertThat(m.kind()).isEqualTo(MatchKind.EXACT));
        assertThat(matcher.match("1SVS001", "AZ"))
                .singleElement()
                .satisfies(m -> assertThat(m.kind()).isEqualTo(MatchKind.STATE_MISMATCH));

        Api.Response entries = api.get("/api/v1/hotlists/" + id + "/entries?plate=1svs-002", officer);
        assertThat(entries.status()).isEqualTo(200);
        JsonNode e = entries.json().get(0);
        assertThat(e.get("plate").asString()).isEqualTo("1SVS002");
        assertThat(e.get("state").asString()).isEqualTo("NV");
        assertThat(e.get("reason").asString()).contains("Stolen vehicle");
        assertThat(entries.json().size()).isEqualTo(1);

        JsonNode lists = api.get("/api/v1/hotlists", officer).json();
        assertThat(lists.findValuesAsString("code")).contains("svs");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_events WHERE action = 'hotlist.imported' AND subject = ?")
                        .param("hotlist:" + id)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aBadLineOrAWrongTrailerRejectsTheWholeFileAndKeepsTheOldList() {
        long id = HotlistFixtures.designate(api, admin, "sfr", "CA_DOJ_SVS", "CA_DOJ", null);
        assertThat(HotlistFixtures.upload(
                                api,
                                port,
                                "/api/v1/hotlists/" + id + "/imports",
                                admin,
                                "sfr.tbl",
                                doj(List.<String[]>of(new String[] {"2OLD001", "CA"})))
                        .status())
                .isEqualTo(200);

        String badLine = doj(List.<String[]>of(new String[] {"2NEW001", "CA"}, new String[] {"2NEW002", "XX"}));
        Api.Response bad =
                HotlistFixtures.upload(api, port, "/api/v1/hotlists/" + id + "/imports", admin, "sfr.tbl", badLine);
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.isProblem()).isTrue();
        assertThat(bad.json().get("type").asString()).isEqualTo("urn:platewatch:problem:hotlist-file-rejected");
        assertThat(bad.json().get("detail").asString()).contains("line 3").contains("columns 9-10");

        String wrongCount = HotlistFixtures.dojFile(
                clock,
                profile.zone(),
                List.<String[]>of(new String[] {"2NEW001", "CA"}, new String[] {"2NEW003", "CA"}),
                5);
        Api.Response count =
                HotlistFixtures.upload(api, port, "/api/v1/hotlists/" + id + "/imports", admin, "sfr.tbl", wrongCount);
        assertThat(count.status()).isEqualTo(422);
        assertThat(count.json().get("detail").asString())
                .contains("line 4")
                .contains("trailer says 5")
                .contains("holds 2");

        String noTrailer = "DATE01/02/2026 10:00\n2NEW001 CA0120260101\n";
        assertThat(HotlistFixtures.upload(api, port, "/api/v1/hotlists/" + id + "/imports", admin, "sfr.tbl", noTrailer)
                        .json()
                        .get("detail")
                        .asString())
                .contains("trailer is missing");

        // The old list is still in force and still matches; nothing of the rejected files is.
        assertThat(matcher.match("2OLD001", "CA")).hasSize(1);
        assertThat(matcher.match("2NEW001", "CA")).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM hotlist_entries WHERE hotlist_id = ?")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM hotlist_imports WHERE hotlist_id = ? AND outcome = 'REJECTED'")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isEqualTo(3);
        assertThat(api.get("/api/v1/hotlists/" + id, officer)
                        .json()
                        .get("lastError")
                        .asString())
                .contains("trailer is missing");
    }

    @Test
    void dropsAndCountsImmigrationRecordsAndRefusesImmigrationLists() {
        long id = HotlistFixtures.designate(
                api,
                admin,
                "ncic",
                "NCIC",
                "CSV",
                "\"columnMapping\":{\"plate\":\"LIC\",\"state\":\"LIS\",\"listType\":\"FILE\",\"reason\":\"MIS\","
                        + "\"make\":\"VMA\",\"caseNumber\":\"OCA\",\"agency\":\"ORI\"}");
        String csv = """
                LIC,LIS,FILE,MIS,VMA,OCA,ORI
                3NCI001,CA,Vehicle,"STOLEN VEHICLE, LOCKED",TOYT,C-1,CA0010000
                3NCI002,NV,Immigration Violator File,DEPORTED FELON,HOND,C-2,DHS000000
                3NCI003,OR,License Plate,STOLEN PLATE,,C-3,OR0010000
                3NCI004,CA,Wanted Person,ICE detainer,FORD,C-4,CA0020000
                """;
        Api.Response r =
                HotlistFixtures.upload(api, port, "/api/v1/hotlists/" + id + "/imports", admin, "ncic.csv", csv);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("records").asInt()).isEqualTo(4);
        assertThat(r.json().get("loaded").asInt()).isEqualTo(2);
        assertThat(r.json().get("droppedImmigration").asInt()).isEqualTo(2);
        assertThat(matcher.match("3NCI002", "NV")).isEmpty();
        assertThat(matcher.match("3NCI004", "CA")).isEmpty();
        assertThat(matcher.match("3NCI001", "CA")).hasSize(1);
        JsonNode entry = api.get("/api/v1/hotlists/" + id + "/entries?plate=3NCI001", officer)
                .json()
                .get(0);
        assertThat(entry.get("reason").asString()).isEqualTo("STOLEN VEHICLE, LOCKED");
        assertThat(entry.get("make").asString()).isEqualTo("TOYT");
        assertThat(entry.get("caseNumber").asString()).isEqualTo("C-1");

        Api.Response immigration = admin.postJson(
                "/api/v1/hotlists",
                "{\"hotlist\":{\"code\":\"ivf\",\"name\":\"NCIC Immigration Violator File\",\"sourceKind\":\"NCIC\","
                        + "\"format\":\"CSV\"}}");
        assertThat(immigration.status()).isEqualTo(422);
        assertThat(immigration.json().get("type").asString())
                .isEqualTo("urn:platewatch:problem:immigration-list-forbidden");
    }

    @Test
    void onlyTheAdministratorDesignatesAndOnlyAllowedSources() {
        assertThat(api.postJson(
                                "/api/v1/hotlists",
                                officer,
                                "{\"code\":\"x1\",\"name\":\"x\",\"sourceKind\":\"NCIC\",\"format\":\"CSV\"}")
                        .status())
                .isEqualTo(403);
        // Oakland's profile allows NCIC, CA DOJ SVS and department lists, not CA DMV.
        Api.Response dmv = admin.postJson(
                "/api/v1/hotlists",
                "{\"hotlist\":{\"code\":\"dmv\",\"name\":\"DMV suspended\",\"sourceKind\":\"CA_DMV\","
                        + "\"format\":\"CSV\"}}");
        assertThat(dmv.status()).isEqualTo(422);
        assertThat(dmv.json().get("type").asString()).isEqualTo("urn:platewatch:problem:hotlist-source-not-allowed");
    }

    @Test
    void aListPastItsMaximumAgeMakesHealthStale(@TempDir Path dir) throws Exception {
        long id = HotlistFixtures.designate(api, admin, "slr", "CA_DOJ_SVS", "CA_DOJ", "\"location\":\"" + dir + "\"");
        Files.writeString(dir.resolve("slr.tbl"), doj(List.<String[]>of(new String[] {"4SLR001", "CA"})));
        settled(dir.resolve("slr.tbl"));
        fetcher.fetchAll();
        assertThat(matcher.match("4SLR001", "CA")).hasSize(1);
        assertThat(api.get("/api/v1/hotlists/" + id, officer)
                        .json()
                        .get("entries")
                        .asLong())
                .isEqualTo(1);

        // Other classes' lists do not exist here: every external list in this context is fresh or stale by us.
        forceFreshOthers(id);
        JsonNode health = api.get("/actuator/health", null).json();
        assertThat(health.get("components").get("hotlists").get("status").asString())
                .isEqualTo("UP");

        ((MutableClock) clock).advance(Duration.ofHours(25));
        health = api.get("/actuator/health", null).json();
        assertThat(health.get("components").get("hotlists").get("status").asString())
                .isEqualTo("STALE");
        assertThat(health.get("status").asString()).isEqualTo("STALE");
        JsonNode fresh = api.get("/api/v1/hotlists/freshness", officer).json();
        assertThat(fresh.findValues("stale").stream().anyMatch(JsonNode::asBoolean))
                .isTrue();

        // A failed download keeps the list in force and says why.
        Files.delete(dir.resolve("slr.tbl"));
        fetcher.fetchAll();
        assertThat(matcher.match("4SLR001", "CA")).hasSize(1);
        assertThat(api.get("/api/v1/hotlists/" + id, officer)
                        .json()
                        .get("lastError")
                        .asString())
                .contains("download failed");
    }

    @Test
    void theDemoListLoadsThroughTheImportPathAndMatchesAtOnce() {
        ImportReport first = demo.load(List.of(
                new DemoHotlist.Plate("8DEM001", "CA"),
                new DemoHotlist.Plate("8dem-002", "nv"),
                new DemoHotlist.Plate("TOOLONGPLATE", "CA")));
        assertThat(first.loaded()).isEqualTo(2);
        assertThat(matcher.match("8DEM001", "CA"))
                .singleElement()
                .satisfies(m -> assertThat(m.kind()).isEqualTo(MatchKind.EXACT));
        assertThat(matcher.match("8DEM002", "NV")).hasSize(1);
        // Loading again reuses the list and replaces its entries.
        ImportReport second = demo.load(List.of(new DemoHotlist.Plate("8DEM003", "CA")));
        assertThat(second.hotlistId()).isEqualTo(first.hotlistId());
        assertThat(matcher.match("8DEM001", "CA")).isEmpty();
        assertThat(matcher.match("8DEM003", "CA")).hasSize(1);
    }

    @Test
    void fetchesOverHttpAndRejectsABadCsvLineNamingIt() throws Exception {
        com.sun.net.httpserver.HttpServer server =
                com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("localhost", 0), 0);
        String[] body = {"plate,state,reason\n9WEB001,CA,Stolen\n"};
        server.createContext("/ncic.csv", exchange -> {
            byte[] bytes = body[0].getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        try {
            long id = HotlistFixtures.designate(
                    api,
                    admin,
                    "web",
                    "NCIC",
                    "CSV",
                    "\"location\":\"http://localhost:" + server.getAddress().getPort() + "/ncic.csv\"");
            fetcher.fetchAll();
            assertThat(matcher.match("9WEB001", "CA")).hasSize(1);

            body[0] = "plate,state,reason\n9WEB002,CA,Stolen\n9WEB003,ZZ,Stolen\n";
            fetcher.fetchAll();
            assertThat(matcher.match("9WEB001", "CA")).hasSize(1);
            assertThat(matcher.match("9WEB002", "CA")).isEmpty();
            assertThat(api.get("/api/v1/hotlists/" + id, officer)
                            .json()
                            .get("lastError")
                            .asString())
                    .contains("line 3")
                    .contains("not a state code");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void onlyAdministratorsSeeAListsLocationAndThenWithItsSecretsMasked() {
        long id = HotlistFixtures.designate(
                api,
                admin,
                "sec",
                "NCIC",
                "CSV",
                "\"location\":\"https://feed:s3cret@lists.example.org/ncic.csv?token=abc123\"");
        JsonNode asOfficer = api.get("/api/v1/hotlists/" + id, officer).json();
        assertThat(asOfficer.has("location")).isFalse();
        for (JsonNode list : api.get("/api/v1/hotlists", officer).json()) {
            assertThat(list.has("location")).isFalse();
        }
        String asAdmin = api.get("/api/v1/hotlists/" + id, admin.token())
                .json()
                .get("location")
                .asString();
        assertThat(asAdmin).isEqualTo("https://***@lists.example.org/ncic.csv?***");
        assertThat(api.get("/api/v1/hotlists", admin.token()).body())
                .doesNotContain("s3cret")
                .doesNotContain("abc123");
        // The audit trail is read by auditors, who must not learn the feed's credentials either.
        assertThat(jdbc.sql("SELECT terms FROM audit_events WHERE action = 'hotlist.designated' AND subject = ?")
                        .param("hotlist:" + id)
                        .query(String.class)
                        .single())
                .contains("lists.example.org")
                .doesNotContain("s3cret")
                .doesNotContain("abc123");
    }

    /** Dates the file's modification two minutes before the clock, so the fetcher takes it as complete. */
    private void settled(Path file) throws java.io.IOException {
        Files.setLastModifiedTime(
                file, java.nio.file.attribute.FileTime.from(clock.instant().minusSeconds(120)));
    }

    private long rejectedImports(long id) {
        return jdbc.sql("SELECT count(*) FROM hotlist_imports WHERE hotlist_id = ? AND outcome = 'REJECTED'")
                .param(id)
                .query(Long.class)
                .single();
    }

    private long rejectionsAudited(long id) {
        return jdbc.sql("SELECT count(*) FROM audit_events WHERE action = 'hotlist.import-rejected' AND subject = ?")
                .param("hotlist:" + id)
                .query(Long.class)
                .single();
    }

    @Test
    void valuesTheDatabaseWouldRefuseRejectTheFileNamingTheLine() {
        long id = HotlistFixtures.designate(api, admin, "ctl", "NCIC", "CSV", null);
        String path = "/api/v1/hotlists/" + id + "/imports";
        assertThat(HotlistFixtures.upload(api, port, path, admin, "ctl.csv", "plate,state,reason\n5CTL001,CA,Stolen\n")
                        .status())
                .isEqualTo(200);

        Api.Response nul = HotlistFixtures.upload(
                api, port, path, admin, "ctl.csv", "plate,state,reason\n5CTL002,CA,Stolen\n5CTL003,CA,Sto\u0000len\n");
        assertThat(nul.status()).as(nul.body()).isEqualTo(422);
        assertThat(nul.json().get("type").asString()).isEqualTo("urn:platewatch:problem:hotlist-file-rejected");
        assertThat(nul.json().get("detail").asString()).contains("line 3").contains("control characters");

        Api.Response farExpiry = HotlistFixtures.upload(
                api,
                port,
                path,
                admin,
                "ctl.csv",
                "plate,state,reason,expiry\n5CTL004,CA,Stolen,+300000-01-01T00:00:00Z\n");
        assertThat(farExpiry.status()).as(farExpiry.body()).isEqualTo(422);
        assertThat(farExpiry.json().get("detail").asString()).contains("line 2").contains("1900 and 9999");

        assertThat(rejectedImports(id)).isEqualTo(2);
        assertThat(rejectionsAudited(id)).isEqualTo(2);
        assertThat(matcher.match("5CTL001", "CA")).hasSize(1);
        assertThat(matcher.match("5CTL002", "CA")).isEmpty();
    }

    @Test
    void anEmptyFileOrALargeShrinkIsRefusedUnlessTheAdministratorConfirmsIt() {
        long id = HotlistFixtures.designate(api, admin, "shr", "NCIC", "CSV", null);
        String path = "/api/v1/hotlists/" + id + "/imports";
        assertThat(HotlistFixtures.upload(
                                api,
                                port,
                                path,
                                admin,
                                "shr.csv",
                                "plate,state\n6SHR001,CA\n6SHR002,CA\n6SHR003,CA\n6SHR004,CA\n")
                        .status())
                .isEqualTo(200);

        Api.Response empty = HotlistFixtures.upload(api, port, path, admin, "shr.csv", "plate,state\n");
        assertThat(empty.status()).as(empty.body()).isEqualTo(422);
        assertThat(empty.json().get("detail").asString()).contains("no records");

        // A cut-short download: one of four records.
        String cut = "plate,state\n6SHR001,CA\n";
        Api.Response shrink = HotlistFixtures.upload(api, port, path, admin, "shr.csv", cut);
        assertThat(shrink.status()).as(shrink.body()).isEqualTo(409);
        assertThat(shrink.json().get("type").asString()).isEqualTo("urn:platewatch:problem:hotlist-shrink-unconfirmed");
        assertThat(shrink.json().get("detail").asString())
                .contains("from 4 to 1")
                .contains("confirmShrink=true");
        assertThat(matcher.match("6SHR004", "CA")).hasSize(1);
        assertThat(rejectedImports(id)).isEqualTo(2);
        assertThat(rejectionsAudited(id)).isEqualTo(2);
        assertThat(api.get("/api/v1/hotlists/" + id, officer)
                        .json()
                        .get("entries")
                        .asLong())
                .isEqualTo(4);

        Api.Response confirmed = HotlistFixtures.upload(api, port, path + "?confirmShrink=true", admin, "shr.csv", cut);
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        assertThat(matcher.match("6SHR004", "CA")).isEmpty();
        assertThat(matcher.match("6SHR001", "CA")).hasSize(1);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_events WHERE action = 'hotlist.imported' AND subject = ? "
                                + "AND terms LIKE '%confirmShrink=true%'")
                        .param("hotlist:" + id)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void theScheduledFetchShrinksNoListByMuchAndSkipsFilesStillBeingWritten(@TempDir Path dir) throws Exception {
        long id = HotlistFixtures.designate(api, admin, "dir", "NCIC", "CSV", "\"location\":\"" + dir + "\"");
        Path file = dir.resolve("dir.csv");
        Files.writeString(file, "plate,state\n7DIR001,CA\n7DIR002,CA\n7DIR003,CA\n");
        // Modified just now: it may still be being written, so it is not taken.
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(clock.instant()));
        fetcher.fetchAll();
        assertThat(matcher.match("7DIR001", "CA")).isEmpty();
        ((MutableClock) clock).advance(Duration.ofMinutes(2));
        fetcher.fetchAll();
        assertThat(matcher.match("7DIR001", "CA")).hasSize(1);

        Files.writeString(file, "plate,state\n7DIR001,CA\n");
        settled(file);
        fetcher.fetchAll();
        assertThat(matcher.match("7DIR003", "CA")).hasSize(1);
        assertThat(api.get("/api/v1/hotlists/" + id, officer)
                        .json()
                        .get("lastError")
                        .asString())
                .contains("from 3 to 1");
    }

    /** Lists designated by other tests of this class without a successful import would read as stale. */
    private void forceFreshOthers(long keep) {
        jdbc.sql("UPDATE hotlists SET active = false WHERE id <> ? AND format <> 'CUSTOM'")
                .param(keep)
                .update();
    }
}
