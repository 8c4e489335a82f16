package org.platewatch.server.hotlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.doThrow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.platewatch.server.support.Api;
import org.platewatch.server.support.PlatewatchServerTest;
import org.platewatch.server.support.TestDates;
import org.platewatch.server.users.PersonalTokens;
import org.platewatch.server.users.Role;
import org.platewatch.server.users.UserAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * The database refusing an accepted file's records (a value PostgreSQL will not store) rejects the
 * import like a bad line, through the real server, and never stops the scheduled fetch of other lists.
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
    @MockitoSpyBean
    HotlistStore store;

    @Test
    void aDatabaseRefusalIsARejectedImportAndTheFetchGoesOnToTheNextList(@TempDir Path dir) throws Exception {
        Api api = new Api(port);
        String admin = HotlistFixtures.member(accounts, tokens, Role.ADMINISTRATOR, false, TestDates.trainedRecently());
        long refused = HotlistFixtures.designate(api, admin, "aaa", "NCIC", "CSV", "\"location\":\"" + dir + "\"");
        long fine = HotlistFixtures.designate(api, admin, "bbb", "NCIC", "CSV", "\"location\":\"" + dir + "\"");
        // The message quotes record values, as PostgreSQL's do.
        doThrow(new DataIntegrityViolationException("invalid byte sequence in value 9REF001"))
                .when(store).replaceEntries(eq(refused), anyLong(), any());

        Api.Response upload = HotlistFixtures.upload(api, port, "/api/v1/hotlists/" + refused + "/imports", admin,
                "aaa.csv", "plate,state\n9REF001,CA\n");
        assertThat(upload.status()).as(upload.body()).isEqualTo(422);
        assertThat(upload.json().get("type").asString()).isEqualTo("urn:platewatch:problem:hotlist-file-rejected");
        assertThat(upload.body()).doesNotContain("9REF001");
        assertThat(jdbc.sql("SELECT count(*) FROM hotlist_imports WHERE hotlist_id = ? AND outcome = 'REJECTED'")
                .param(refused).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_events WHERE action = 'hotlist.import-rejected' "
                + "AND subject = ?").param("hotlist:" + refused).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT last_error FROM hotlists WHERE id = ?").param(refused).query(String.class)
                .single()).contains("database refused");

        // Scheduled: the first list fails in a way the import does not handle; the second still loads.
        doThrow(new IllegalStateException("unexpected 9REF001")).when(store).replaceEntries(eq(refused), anyLong(),
                any());
        for (String name : new String[] {"aaa.csv", "bbb.csv"}) {
            Path file = dir.resolve(name);
            Files.writeString(file, "plate,state\n9" + name.charAt(0) + "FET01,CA\n");
            Files.setLastModifiedTime(file, FileTime.from(clock.instant().minusSeconds(120)));
        }
        fetcher.fetchAll();
        assertThat(matcher.match("9BFET01", "CA")).hasSize(1);
        assertThat(matcher.match("9AFET01", "CA")).isEmpty();
        doCallRealMethod().when(store).replaceEntries(eq(refused), anyLong(), any());
        assertThat(fine).isNotEqualTo(refused);
    }
}
