package org.platewatch.server.hotlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.platewatch.server.support.AdminSession;
import org.platewatch.server.support.Api;
import org.platewatch.server.support.Fuzz;
import org.platewatch.server.support.FuzzChecks;
import org.platewatch.server.support.PlatewatchServerTest;
import org.platewatch.server.users.PersonalTokens;
import org.platewatch.server.users.UserAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fuzzing hot-list designation (the column mapping) and imports through the real server: never a
 * 5xx, a refusal is problem+json, and a refused import leaves the list's entries exactly as they
 * were. The parsers get thousands of tries in {@link HotlistParserFuzzTest}; here 60 a format
 * (each an upload and an import transaction) check what the server adds around them.
 */
@PlatewatchServerTest
class HotlistImportFuzzTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /**
     * Tries per property through the server. Each is a re-authenticated administrator's write (a bcrypt
     * check and a fresh code), so fewer than the parsers' own 3,000 in HotlistParserFuzzTest, which
     * covers the file formats in depth; these make sure what the parsers refuse is refused whole here.
     */
    private static final int TRIES = 60;

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts accounts;

    @Autowired
    PersonalTokens tokens;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    java.time.Clock clock;

    Api api;
    AdminSession admin;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        admin = administrator();
    }

    /**
     * The administrator who designates lists and imports files: a signed-in session that adds the
     * password and a fresh code to every write (issue 15, re-authentication).
     */
    private AdminSession administrator() {
        return AdminSession.signIn(port, accounts, tokens, clock);
    }

    /** A designation body as the administrator sends it: the fuzzed list inside, the re-authentication beside. */
    private Api.Response designate(byte[] hotlistJson) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(AdminSession.confirmed(
                        "{\"hotlist\":0}",
                        admin.member().password(),
                        admin.member().currentCode())
                .replace("\"hotlist\":0}", "\"hotlist\":")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(hotlistJson);
        body.writeBytes("}".getBytes(StandardCharsets.UTF_8));
        return Api.Response.of(admin.session().postBytes("/api/v1/hotlists", "application/json", body.toByteArray()));
    }

    @Test
    void aDesignationWithAnyColumnMappingIsAcceptedOrRefusedCleanly() {
        String seed = "{\"code\":\"c\",\"name\":\"NCIC extract\",\"sourceKind\":\"NCIC\",\"format\":\"CSV\","
                + "\"columnMapping\":{\"plate\":\"LIC\",\"state\":\"LIS\",\"listType\":\"FILE\",\"expiry\":\"EXP\"}}";
        Fuzz.forAll(
                "designation", TRIES, f -> f.mutateJson(seed.replace("\"c\"", "\"f" + f.alnum(6, 6) + "\"")), body -> {
                    long before = jdbc.sql("SELECT count(*) FROM hotlists")
                            .query(Long.class)
                            .single();
                    Api.Response response = designate(body);
                    long after = jdbc.sql("SELECT count(*) FROM hotlists")
                            .query(Long.class)
                            .single();
                    assertThat(after - before).isEqualTo(FuzzChecks.refusedCleanly(response) ? 0 : 1);
                });
    }

    @Test
    void aColumnWithoutANameIsAFieldFaultNotAServerError() {
        // The fuzzing's first find: a JSON null reached Map.copyOf and its NullPointerException was a 500.
        Api.Response response = designate(("{\"code\":\"nul\",\"name\":\"x\","
                        + "\"sourceKind\":\"NCIC\",\"format\":\"CSV\",\"columnMapping\":{\"plate\":null}}")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(FuzzChecks.refusedCleanly(response)).isTrue();
        assertThat(response.json().get("field").asString()).endsWith("columnMapping");
    }

    @Test
    void aCaDojImportReplacesTheListOrLeavesItAsItWas() {
        long list = HotlistFixtures.designate(
                api, admin, "fz" + UUID.randomUUID().toString().substring(0, 6), "CA_DOJ_SVS", "CA_DOJ", null);
        Fuzz.forAll("CA DOJ import", TRIES, HotlistFileFuzz::doj, file -> importedWholeOrNothing(list, file));
    }

    @Test
    void aCsvImportReplacesTheListOrLeavesItAsItWas() {
        Fuzz.forAll(
                "CSV import",
                TRIES,
                f -> {
                    HotlistFileFuzz.ListFile file = HotlistFileFuzz.csv(f);
                    String mapping = JSON.writeValueAsString(file.mapping().columns());
                    long list = HotlistFixtures.designate(
                            api,
                            admin,
                            "fz" + f.alnum(6, 6).toLowerCase(java.util.Locale.ROOT),
                            "NCIC",
                            "CSV",
                            "\"columnMapping\":" + mapping);
                    return new Import(list, file);
                },
                i -> importedWholeOrNothing(i.list(), i.file()));
    }

    private void importedWholeOrNothing(long list, HotlistFileFuzz.ListFile file) {
        String before = entries(list);
        Api.Response response = upload(list, file.content());
        if (FuzzChecks.refusedCleanly(response)) {
            assertThat(entries(list))
                    .as("a refused import leaves the list as it was")
                    .isEqualTo(before);
        } else {
            assertThat(response.json().get("loaded").asInt())
                    .isLessThanOrEqualTo(response.json().get("records").asInt());
        }
    }

    /** The list's entries, as their ids: a refused import must not add, remove or replace one. */
    private String entries(long list) {
        return jdbc.sql("SELECT coalesce(string_agg(id::text, ',' ORDER BY id), '') FROM hotlist_entries "
                        + "WHERE hotlist_id = ?")
                .param(list)
                .query(String.class)
                .single();
    }

    /** The file as the administrator uploads it (bytes kept as they are: ISO-8859-1 maps each byte to one char). */
    private Api.Response upload(long list, byte[] content) {
        return admin.upload(
                "/api/v1/hotlists/" + list + "/imports?confirmShrink=true",
                "list.txt",
                new String(content, StandardCharsets.ISO_8859_1));
    }

    private record Import(long list, HotlistFileFuzz.ListFile file) {
        @Override
        public String toString() {
            return "list " + list + ": " + file;
        }
    }
}
