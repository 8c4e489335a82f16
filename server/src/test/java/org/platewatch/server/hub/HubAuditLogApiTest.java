package org.platewatch.server.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.platewatch.server.audit.AuditChain;
import org.platewatch.server.hotlist.HotlistFixtures;
import org.platewatch.server.platform.AgencyId;
import org.platewatch.server.platform.AgencyScope;
import org.platewatch.server.support.Api;
import org.platewatch.server.support.PlatewatchServerTest;
import org.platewatch.server.support.TestDates;
import org.platewatch.server.users.PersonalTokens;
import org.platewatch.server.users.Role;
import org.platewatch.server.users.UserAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Hub mode: each agency's audit log is its own (V75). A's auditor reads A's records and not B's, B's auditor B's and
 * not A's, the database stores each under its agency, and each agency's records form their own intact hash chain.
 */
@PlatewatchServerTest
@TestPropertySource(properties = "platewatch.hub.enabled=true")
class HubAuditLogApiTest {

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts accounts;

    @Autowired
    PersonalTokens tokens;

    @Autowired
    AuditChain chain;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void eachAgencysAuditorsReadOnlyItsRecordsAndEachChainVerifies() {
        Api api = new Api(port);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String adminA = member(Role.ADMINISTRATOR);
        String auditorA = member(Role.AUDITOR);
        String bCode = "agency-" + suffix;
        Api.Response registered =
                api.postJson("/api/v1/hub/agencies", adminA, "{\"code\":\"" + bCode + "\",\"name\":\"Agency B\"}");
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        AgencyId b = new AgencyId(registered.json().get("id").asInt());
        String adminB = AgencyScope.actingFor(b, () -> member(Role.ADMINISTRATOR));
        String auditorB = AgencyScope.actingFor(b, () -> member(Role.AUDITOR));
        Api.Response shared = api.postJson("/api/v1/hub/agreements", adminB, "{\"grantee\":\"home\"}");
        assertThat(shared.status()).as(shared.body()).isEqualTo(201);
        String agreementOfB = "hub-agreement:" + shared.json().get("id").asLong();
        String registrationOfA = "agency:" + bCode;

        Api.Response ofA = api.get("/api/v1/audit/events?size=500", auditorA);
        assertThat(ofA.status()).as(ofA.body()).isEqualTo(200);
        assertThat(ofA.body()).contains(registrationOfA).doesNotContain(agreementOfB);
        Api.Response ofB = api.get("/api/v1/audit/events?size=500", auditorB);
        assertThat(ofB.status()).as(ofB.body()).isEqualTo(200);
        assertThat(ofB.body()).contains(agreementOfB).doesNotContain(registrationOfA);
        assertThat(api.get("/api/v1/audit/events.csv", auditorB).body()).doesNotContain(registrationOfA);

        assertThat(recordsAbout(agreementOfB, b)).isEqualTo(1);
        assertThat(recordsAbout(agreementOfB, AgencyId.HOME)).isZero();
        assertThat(recordsAbout(registrationOfA, AgencyId.HOME)).isEqualTo(1);
        assertThat(recordsAbout(registrationOfA, b)).isZero();

        AuditChain.Verification home = AgencyScope.actingFor(AgencyId.HOME, chain::verify);
        AuditChain.Verification ofAgencyB = AgencyScope.actingFor(b, chain::verify);
        assertThat(home.intact()).as(home.describe()).isTrue();
        assertThat(ofAgencyB.intact()).as(ofAgencyB.describe()).isTrue();
        // B's chain is B's records alone: its members' creation, its agreement and its auditor's reads.
        assertThat(ofAgencyB.intactRecords()).isEqualTo(count(b));
        assertThat(ofAgencyB.head()).isNotEqualTo(home.head());
    }

    /** The records about {@code subject} the application role sees acting for {@code agency}, of that agency. */
    private long recordsAbout(String subject, AgencyId agency) {
        return AgencyScope.actingFor(
                agency,
                () -> jdbc.queryForObject(
                        "SELECT count(*) FROM audit_events WHERE subject = ? AND agency_id = ?",
                        Long.class,
                        subject,
                        agency.value()));
    }

    private long count(AgencyId agency) {
        return AgencyScope.actingFor(
                agency, () -> jdbc.queryForObject("SELECT count(*) FROM audit_events", Long.class));
    }

    private String member(Role role) {
        return HotlistFixtures.member(accounts, tokens, role, false, TestDates.trainedRecently());
    }
}
