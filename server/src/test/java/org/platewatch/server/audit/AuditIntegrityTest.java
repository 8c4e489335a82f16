package org.platewatch.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.platform.Csv;
import org.platewatch.server.support.AdminSession;
import org.platewatch.server.support.Api;
import org.platewatch.server.support.Member;
import org.platewatch.server.support.PlatewatchServerTest;
import org.platewatch.server.support.TestDatabase;
import org.platewatch.server.users.PersonalTokens;
import org.platewatch.server.users.Role;
import org.platewatch.server.users.TrainingRecords;
import org.platewatch.server.users.UserAccount;
import org.platewatch.server.users.UserAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The access log cannot be quietly edited: the database refuses the application's edits, a
 * superuser's edit is found by the verifier, a failed audit write takes the action down with it,
 * and reading the log is itself audited.
 */
@PlatewatchServerTest
class AuditIntegrityTest {

    @LocalServerPort
    int port;

    @Value("${platewatch.test.database-url}")
    String databaseUrl;

    @Autowired
    java.time.Clock clock;

    @Autowired
    UserAccounts accounts;

    @Autowired
    TrainingRecords trainingRecords;

    @Autowired
    PersonalTokens tokens;

    @Autowired
    AuditChain chain;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditAnchors anchors;

    Api api;
    String suffix;
    String admin;
    String auditor;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        suffix = UUID.randomUUID().toString().substring(0, 6);
        admin = token("admin", Role.ADMINISTRATOR);
        auditor = token("auditor", Role.AUDITOR);
    }

    String token(String name, Role role) {
        String username = name + "-" + suffix;
        Member.ready(
                accounts,
                new UserAccounts.NewUser(username, "Member " + name, role, false, trainingRecords.today()),
                "pw-" + suffix + "-long-enough");
        return tokens.issue(username, "test", Actor.SYSTEM).token();
    }

    @Test
    void theApplicationRoleCannotChangeOrDeleteAuditRecords() throws SQLException {
        long id = jdbc.sql("SELECT min(id) FROM audit_events").query(Long.class).single();
        try (Connection app = DriverManager.getConnection(databaseUrl, TestDatabase.APP_ROLE, "platewatch");
                Statement s = app.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("UPDATE audit_events SET terms = 'nothing' WHERE id = " + id))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM audit_events WHERE id = " + id))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> s.executeUpdate("TRUNCATE audit_events"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
        }
        // Even the schema owner is stopped by the trigger unless it switches triggers off first.
        try (Connection owner = TestDatabase.get().superConnection(databaseUrl);
                Statement s = owner.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("UPDATE audit_events SET terms = 'x' WHERE id = " + id))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("cannot be changed or deleted");
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM audit_events WHERE id = " + id))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("cannot be changed or deleted");
        }
        assertThat(chain.verify().intact()).isTrue();
    }

    @Test
    void theVerifierNamesARecordASuperuserAlteredAndOneThatWasRemoved() throws SQLException {
        AuditChain.Verification before = chain.verify();
        assertThat(before.intact()).isTrue();
        assertThat(before.describe())
                .isEqualTo("audit chain intact: " + before.intactRecords() + " records, head " + before.head());

        List<Long> ids = jdbc.sql("SELECT id FROM audit_events ORDER BY id")
                .query(Long.class)
                .list();
        long altered = ids.get(ids.size() / 2);
        String original = jdbc.sql("SELECT terms FROM audit_events WHERE id = ?")
                .param(altered)
                .query(String.class)
                .single();
        try (Connection su = TestDatabase.get().superConnection(databaseUrl);
                Statement s = su.createStatement()) {
            s.execute("SET session_replication_role = replica");
            s.executeUpdate("UPDATE audit_events SET terms = 'role=AUDITOR' WHERE id = " + altered);

            AuditChain.Verification broken = chain.verify();
            assertThat(broken.intact()).isFalse();
            assertThat(broken.firstBreak().orElseThrow().id()).isEqualTo(altered);
            assertThat(broken.firstBreak().orElseThrow().problem()).contains("altered");
            assertThat(broken.describe()).startsWith("audit chain BROKEN at record " + altered + " (");

            // Put it back: the chain holds again. Then remove a record: the one after it is named.
            try (var ps = su.prepareStatement("UPDATE audit_events SET terms = ? WHERE id = ?")) {
                ps.setString(1, original);
                ps.setLong(2, altered);
                ps.executeUpdate();
            }
            assertThat(chain.verify().intact()).isTrue();
            long removed = ids.get(1);
            s.execute("CREATE TEMP TABLE removed_record AS SELECT * FROM audit_events WHERE id = " + removed);
            s.executeUpdate("DELETE FROM audit_events WHERE id = " + removed);
            try {
                AuditChain.Verification gap = chain.verify();
                assertThat(gap.firstBreak().orElseThrow().id()).isEqualTo(ids.get(2));
                assertThat(gap.firstBreak().orElseThrow().problem()).contains("removed");
                assertThat(gap.intactRecords()).isEqualTo(1);
            } finally {
                // The other tests of this class share the database: leave the chain as it was.
                s.executeUpdate("INSERT INTO audit_events SELECT * FROM removed_record");
            }
        }
        assertThat(chain.verify().intact()).isTrue();
    }

    @Test
    void aFailedAuditWriteFailsTheActionAndStoresNothing() throws SQLException {
        String target = "target-" + suffix;
        UserAccount member = accounts.create(
                new UserAccounts.NewUser(target, "Target", Role.OFFICER, false, null), "pw", Actor.SYSTEM);
        // signed in before the trigger: creating the administrator is itself audited
        AdminSession administrator = AdminSession.signIn(port, accounts, tokens, clock);
        try (Connection su = TestDatabase.get().superConnection(databaseUrl);
                Statement s = su.createStatement()) {
            s.execute("""
                    CREATE TRIGGER test_fail_audit BEFORE INSERT ON audit_events FOR EACH ROW
                    WHEN (NEW.action IN ('training.recorded', 'user.created', 'user.role-changed'))
                    EXECUTE FUNCTION refuse_audit_change()""");
            try {
                Api.Response training = administrator.postJson(
                        "/api/v1/users/" + target + "/training",
                        "{\"completedOn\":\"" + trainingRecords.today()
                                + "\",\"course\":\"ALPR\",\"trainer\":\"Sgt\"}");
                assertThat(training.status()).isEqualTo(500);
                assertThat(training.isProblem()).isTrue();
                assertThat(jdbc.sql("SELECT count(*) FROM training_records WHERE user_id = ?")
                                .param(member.id())
                                .query(Long.class)
                                .single())
                        .isZero();

                Api.Response role =
                        administrator.send("PUT", "/api/v1/users/" + target + "/role", "{\"role\":\"supervisor\"}");
                assertThat(role.status()).isEqualTo(500);
                assertThat(accounts.findByUsername(target).orElseThrow().role()).isEqualTo(Role.OFFICER);

                String newcomer = "newcomer-" + suffix;
                Api.Response created = administrator.postJson(
                        "/api/v1/users", "{\"username\":\"" + newcomer + "\",\"fullName\":\"N\",\"role\":\"officer\"}");
                assertThat(created.status()).isEqualTo(500);
                assertThat(accounts.findByUsername(newcomer)).isEmpty();
            } finally {
                s.execute("DROP TRIGGER test_fail_audit ON audit_events");
            }
        }
        assertThat(chain.verify().intact()).isTrue();
    }

    @Test
    void readingAndExportingTheLogAreAuditedAndFiltered() {
        String filtered = "/api/v1/audit/events?user=system&action=user.*&size=2&page=0";
        Api.Response page = api.get(filtered, auditor);
        assertThat(page.status()).isEqualTo(200);
        JsonNode body = page.json();
        assertThat(body.get("size").asInt()).isEqualTo(2);
        assertThat(body.get("total").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(body.get("events")).hasSize(2);
        for (JsonNode e : body.get("events")) {
            assertThat(e.get("username").asString()).isEqualTo("system");
            assertThat(e.get("action").asString()).startsWith("user.");
        }
        assertThat(api.get("/api/v1/audit/events?size=501", auditor).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/audit/events?from=yesterday", auditor).status())
                .isEqualTo(400);

        Api.Response csv =
                api.get("/api/v1/audit/events.csv?action=user.created&from=" + trainingRecords.today(), admin);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0])
                .isEqualTo("id,occurred_at,username,full_name,action,subject,terms,purpose,case_number,"
                        + "result_count,client_address,hash");
        assertThat(csv.body())
                .contains("user:auditor-" + suffix)
                .contains("\"role=AUDITOR, designee=false, clets=false, classification=null, second-factor=enrolled\"");

        List<String> reads = jdbc.sql("SELECT action || ' ' || terms FROM audit_events "
                        + "WHERE action IN ('audit.read', 'audit.exported') ORDER BY id")
                .query(String.class)
                .list();
        assertThat(reads).hasSize(2); // the two refused requests wrote nothing
        assertThat(reads.get(0)).startsWith("audit.read user=system").contains("action=user.*");
        assertThat(reads.get(1)).startsWith("audit.exported").contains("action=user.created");
    }

    @Test
    void csvFieldsAreQuotedAndFormulasDisarmed() {
        assertThat(Csv.row(
                        "plain", "a,b", "say \"hi\"", "two\nlines", null, "=HYPERLINK(\"x\")", "-1+cmd|' /C calc'!A0"))
                .isEqualTo(
                        "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,\"'=HYPERLINK(\"\"x\"\")\",'-1+cmd|' /C calc'!A0\r\n");
        // a longitude is a number, not a formula: a spreadsheet must read it as one
        assertThat(Csv.row("-122.271200", "-1", "+1")).isEqualTo("-122.271200,-1,'+1\r\n");
    }

    @Test
    void theNewestSignedHeadIsServedToAuditorsAndChecksOutWithItsPublicKey() throws Exception {
        String officer = token("officer", Role.OFFICER);
        assertThat(api.get("/api/v1/audit/anchors/latest", auditor).status()).isEqualTo(404);
        AuditAnchor written = anchors.anchor();

        Api.Response latest = api.get("/api/v1/audit/anchors/latest", auditor);
        assertThat(latest.status()).as(latest.body()).isEqualTo(200);
        JsonNode body = latest.json();
        assertThat(body.get("anchor").get("lastId").asLong()).isEqualTo(written.lastId());
        assertThat(body.get("anchor").get("hash").asString())
                .isEqualTo(chain.verify().head());
        assertThat(body.get("signatureValid").asBoolean()).isTrue();
        // Anyone with the public key can check the head without Platewatch.
        java.security.PublicKey key = java.security.KeyFactory.getInstance("Ed25519")
                .generatePublic(new java.security.spec.X509EncodedKeySpec(java.util.Base64.getDecoder()
                        .decode(body.get("publicKey").asString())));
        java.security.Signature ed = java.security.Signature.getInstance("Ed25519");
        ed.initVerify(key);
        ed.update(body.get("signedText").asString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(ed.verify(java.util.Base64.getDecoder()
                        .decode(body.get("anchor").get("signature").asString())))
                .isTrue();
        assertThat(body.get("signedText").asString())
                .contains(body.get("anchor").get("hash").asString());

        assertThat(api.get("/api/v1/audit/anchors/latest", officer).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/audit/anchors/latest", admin).status()).isEqualTo(200);
    }

    @Test
    void theChainHeadOfADayIsTheLastHashWrittenThatDay() {
        AuditChain.ChainHead head = chain.headAt(trainingRecords.today());
        assertThat(head.head()).isEqualTo(chain.verify().head());
        assertThat(chain.headAt(trainingRecords.today().minusYears(5)).head()).isEqualTo(AuditLog.GENESIS);
        assertThat(chain.headAt(trainingRecords.today().minusYears(5)).records())
                .isZero();

        Api.Response r = api.get("/api/v1/audit/chain-head?date=" + trainingRecords.today(), auditor);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("head").asString()).hasSize(64);
        assertThat(r.json().get("date").asString())
                .isEqualTo(trainingRecords.today().toString());
    }
}
