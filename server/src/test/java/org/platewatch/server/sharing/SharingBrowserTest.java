package org.platewatch.server.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.platewatch.server.sharing.SharingFixtures.agency;
import static org.platewatch.server.sharing.SharingFixtures.readIds;
import static org.platewatch.server.sharing.SharingFixtures.request;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.platewatch.server.hotlist.HotlistFixtures;
import org.platewatch.server.ingest.DeviceRegistry;
import org.platewatch.server.support.Api;
import org.platewatch.server.support.BrowserTestSupport;
import org.platewatch.server.support.Member;
import org.platewatch.server.support.PlatewatchServerTest;
import org.platewatch.server.support.TestDates;
import org.platewatch.server.users.PersonalTokens;
import org.platewatch.server.users.Role;
import org.platewatch.server.users.UserAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The sharing pages in a real browser: an administrator approves an in-state request another administrator
 * entered, and is refused when entering one for a federal agency, whatever the form says.
 */
@PlatewatchServerTest
class SharingBrowserTest extends BrowserTestSupport {

    @Autowired
    UserAccounts accounts;

    @Autowired
    PersonalTokens tokens;

    @Autowired
    DeviceRegistry devices;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @Test
    void anAdministratorApprovesAnInStateRequestAndIsRefusedAFederalOne() {
        Api api = new Api(port);
        SharingFixtures fixtures = new SharingFixtures(api, devices);
        String clerk = HotlistFixtures.member(accounts, tokens, Role.ADMINISTRATOR, false, TestDates.trainedRecently());
        long berkeley = agency(api, clerk, "Berkeley Police Department", "LAW_ENFORCEMENT", "CA", false);
        agency(api, clerk, "FBI San Francisco Field Office", "LAW_ENFORCEMENT", "CA", true);
        List<UUID> reads = fixtures.upload(clock.instant().truncatedTo(ChronoUnit.SECONDS), "7ABC123", "7ABC124");
        fixtures.attachImage(reads.get(0));
        String id = api.postJson("/api/v1/sharing/requests", clerk, request(berkeley, readIds(reads)))
                .json()
                .get("id")
                .asString();

        Member admin = Member.create(accounts, Role.ADMINISTRATOR, Member.trainedOn(), clock);
        browser.signIn(admin);
        browser.find("nav.menu [data-nav=sharing] a").click();
        WebElement pending = browser.waitForVisible("li.release-request[data-request-id='" + id + "']");
        assertThat(pending.getDomAttribute("data-status")).isEqualTo("PENDING");
        assertThat(pending.findElement(org.openqa.selenium.By.cssSelector(".agency-name"))
                        .getText())
                .isEqualTo("Berkeley Police Department");
        browser.screenshot("sharing-pending");
        // the approval asks the password again: a wrong one decides nothing, and the attempt is logged
        pending.findElement(org.openqa.selenium.By.cssSelector("input.decision-password"))
                .sendKeys("not-" + admin.password());
        pending.findElement(org.openqa.selenium.By.cssSelector("button.approve"))
                .click();
        browser.waitFor(ExpectedConditions.stalenessOf(pending));
        assertThat(browser.find("#sharing-error").getDomAttribute("data-field")).isEqualTo("currentPassword");
        assertThat(jdbc.sql("SELECT count(*) FROM release_decisions WHERE request_id = ?::uuid")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_events WHERE action = 'sharing.approval-refused'"
                                + " AND username = ? AND subject = ?")
                        .params(admin.username(), "release-request:" + id)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        pending = browser.find("li.release-request[data-request-id='" + id + "']");
        assertThat(pending.getDomAttribute("data-status")).isEqualTo("PENDING");
        pending.findElement(org.openqa.selenium.By.cssSelector("input.decision-password"))
                .sendKeys(admin.password());
        pending.findElement(org.openqa.selenium.By.cssSelector("button.approve"))
                .click();
        browser.waitFor(ExpectedConditions.stalenessOf(pending));
        assertThat(browser.findAll("#sharing-error"))
                .as(
                        "the approval was refused: %s",
                        jdbc.sql("SELECT coalesce(terms, '') || ' ' || action FROM audit_events WHERE username = ?"
                                        + " ORDER BY id")
                                .param(admin.username())
                                .query(String.class)
                                .list())
                .isEmpty();
        assertThat(browser.find("#sharing-notice").getText()).contains("Approved and released");
        WebElement approved = browser.find("li.release-request[data-request-id='" + id + "']");
        assertThat(approved.getDomAttribute("data-status")).isEqualTo("APPROVED");
        assertThat(approved.findElement(org.openqa.selenium.By.cssSelector(".package-hash"))
                        .getText())
                .hasSize(64);
        assertThat(jdbc.sql("SELECT released_by FROM release_ledger WHERE request_id = ?::uuid")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo(admin.username());

        // a request for the federal agency, entered with a law-enforcement purpose: refused, and the refusal logged
        new Select(browser.find("#request-agency"))
                .selectByVisibleText("FBI San Francisco Field Office (Law enforcement agency, CA, federal)");
        browser.find("#request-requester").sendKeys("SA J. Smith");
        browser.find("#request-contact").sendKeys("jsmith@example.org");
        browser.find("#request-case").sendKeys("26-2002");
        new Select(browser.find("#request-purpose")).selectByValue("LAW_ENFORCEMENT");
        browser.find("#request-written").sendKeys("Reads of the vehicle in a bank robbery.");
        browser.find("#request-reads").sendKeys(reads.get(1).toString());
        WebElement form = browser.find("#request-form");
        browser.find("#request-submit").click();
        browser.waitFor(ExpectedConditions.stalenessOf(form));
        WebElement error = browser.find("#sharing-error");
        assertThat(error.getText()).contains("Refused").contains("federal agency");
        assertThat(error.getDomAttribute("data-field")).isEqualTo("agencyId");
        assertThat(browser.find("#request-case").getDomProperty("value")).isEqualTo("26-2002");
        browser.screenshot("sharing-federal-refused");
        assertThat(jdbc.sql("SELECT username FROM audit_events WHERE action = 'sharing.release-refused'"
                                + " AND case_number = '26-2002' AND terms LIKE 'ground=FEDERAL_AGENCY;%'")
                        .query(String.class)
                        .single())
                .isEqualTo(admin.username());
        assertThat(jdbc.sql("SELECT count(*) FROM release_requests WHERE case_number = '26-2002'")
                        .query(Integer.class)
                        .single())
                .isZero();
    }
}
