package org.platewatch.server.hotlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.platewatch.server.support.AdminSession;
import org.platewatch.server.support.Api;
import org.platewatch.server.support.PlatewatchServerTest;
import org.platewatch.server.support.TestDatabase;
import org.platewatch.server.users.PersonalTokens;
import org.platewatch.server.users.UserAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * PostgreSQL itself refusing an accepted file's records rejects the import like a bad line, through
 * the real server, without quoting the record; and a list whose import fails in a way the import
 * does not handle never stops the scheduled fetch of the other lists. The refusals are real: a check
 * constraint and a trigger, added to this test's own database as its owner.
 */
@PlatewatchServerTest
class HotlistImportDatabaseRefusalTest {

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
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @Value("${platewatch.test.database-url}")
    String databaseUrl;

    @Test
    void aDatabaseRefusalIsARejectedImportAndTheFetchGoesOnToTheNextList(@TempDir Path dir) throws Exception {
        Api api = new Api(port);
        long refused = HotlistFixtures.designate(api, lists(), "aaa", "NCIC", "CSV", "\"location\":\"" + dir + "\"");
        long fine = HotlistFixtures.designate(api, lists(), "bbb", "NCIC", "CSV", "\"location\":\"" + dir + "\"");
        // PostgreSQL's message for this quotes the whole row ("Failing row contains (…, 9REF001, …)").
        asOwner("ALTER TABLE hotlist_entries ADD CONSTRAINT refuses_9ref001 CHECK (plate <> '9REF001') NOT VALID");

        Api.Response upload = HotlistFixtures.upload(
                api, port, "/api/v1/hotlists/" + refused + "/imports", lists(), "aaa.csv", "plate,state\n9REF001,CA\n");
        assertThat(upload.status()).as(upload.body()).isEqualTo(422);
        assertThat(upload.json().get("type").asString()).isEqualTo("urn:platewatch:problem:hotlist-file-rejected");
        assertThat(upload.body()).doesNotContain("9REF001");
        assertThat(jdbc.sql("SELECT count(*) FROM hotlist_imports WHERE hotlist_id = ? AND outcome = 'REJECTED'")
                        .param(refused)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_events WHERE action = 'hotlist.import-rejected' "
                                + "AND subject = ?")
                        .param("hotlist:" + refused)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT last_error FROM hotlists WHERE id = ?")
                        .param(refused)
                        .query(String.class)
                        .single())
                .contains("database refused")
                .doesNotContain("9REF001");
        assertThat(matcher.match("9REF001", "CA")).isEmpty();

        // Scheduled: the first list fails in a way the import does not handle; the second still loads.
        asOwner("""
                CREATE FUNCTION fail_9afet01() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.plate = '9AFET01' THEN
                        RAISE EXCEPTION 'unexpected %', NEW.plate USING ERRCODE = 'XX000';
                    END IF;
                    RETURN NEW;
                END $$""");
        asOwner(
                "CREATE TRIGGER fail_9afet01 BEFORE INSERT ON hotlist_entries FOR EACH ROW EXECUTE FUNCTION fail_9afet01()");
        for (String name : new String[] {"aaa.csv", "bbb.csv"}) {
            Path file = dir.resolve(name);
            Files.writeString(file, "plate,state\n9" + name.charAt(0) + "FET01,CA\n");
            Files.setLastModifiedTime(file, FileTime.from(clock.instant().minusSeconds(120)));
        }
        fetcher.fetchAll();
        assertThat(matcher.match("9BFET01", "CA")).hasSize(1);
        assertThat(matcher.match("9AFET01", "CA")).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM hotlist_imports WHERE hotlist_id = ? AND outcome = 'REJECTED'")
                        .param(fine)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private void asOwner(String sql) throws SQLException {
        try (Connection owner = TestDatabase.get().superConnection(databaseUrl);
                Statement s = owner.createStatement()) {
            s.execute(sql);
        }
    }

    private AdminSession listAdmin;

    /** The administrator who designates and fills lists: at a console session, re-authenticated per write. */
    private AdminSession lists() {
        if (listAdmin == null) {
            listAdmin = AdminSession.signIn(port, accounts, tokens, clock);
        }
        return listAdmin;
    }
}
