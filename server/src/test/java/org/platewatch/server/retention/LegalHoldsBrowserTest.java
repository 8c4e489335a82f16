package org.platewatch.server.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.platewatch.server.ingest.DeviceRegistry;
import org.platewatch.server.support.Api;
import org.platewatch.server.support.BrowserTestSupport;
import org.platewatch.server.support.Member;
import org.platewatch.server.support.PlatewatchServerTest;
import org.platewatch.server.users.Role;
import org.platewatch.server.users.UserAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Legal holds in a real browser: an investigator searches a plate for a case and places a hold on the results from
 * the search's page; a supervisor finds it under "Legal holds", approves it, and can then download its evidence.
 */
@PlatewatchServerTest
class LegalHoldsBrowserTest extends BrowserTestSupport {

    @Autowired
    UserAccounts accounts;

    @Autowired
    DeviceRegistry devices;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @Test
    void anInvestigatorPlacesAHoldOnASearchsResultsAndASupervisorApprovesIt() {
        String plate = "9HLD" + (100 + (int) (Math.random() * 800));
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        List<UUID> ids = List.of(UUID.randomUUID(), UUID.randomUUID());
        Api.Response up = new Api(port)
                .postJson(
                        "/api/v1/reads",
                        HoldFixtures.unit(devices),
                        "{\"reads\":[" + HoldFixtures.read(ids.get(0), plate, now.minusSeconds(400)) + ","
                                + HoldFixtures.read(ids.get(1), plate, now.minusSeconds(300)) + "]}");
        assertThat(up.status()).as(up.body()).isIn(200, 201);

        Member investigator = Member.create(accounts, Role.INVESTIGATOR);
        browser.signIn(investigator);
        browser.find("nav.menu [data-nav=search] a").click();
        browser.waitForVisible("#search-form");
        browser.find("#search-caseNumber").sendKeys("24-008800");
        new Select(browser.find("#search-purpose")).selectByValue("CRIME_INVESTIGATION");
        browser.find("#search-reason").sendKeys("armed robbery, getaway car");
        browser.find("#search-plate").sendKeys(plate);
        WebElement form = browser.find("#search-form");
        browser.find("#search-submit").click();
        browser.waitFor(ExpectedConditions.stalenessOf(form));
        browser.waitForVisible("main[data-search-id]");

        browser.find("#place-hold").click();
        browser.waitForVisible("#hold-form");
        browser.find("#case-number").sendKeys("24-008800");
        browser.find("#hold-reason").sendKeys("preservation letter from the District Attorney");
        browser.screenshot("hold-place");
        browser.find("#place-hold-submit").click();
        browser.waitForVisible("main[data-hold-id]");
        String holdId = browser.find("main").getDomAttribute("data-hold-id");
        assertThat(browser.find("#hold-status").getText()).isEqualTo("PENDING_APPROVAL");
        assertThat(browser.findAll("#hold-reads tbody tr")).hasSize(2);
        assertThat(browser.find("#hold-reads").getText()).contains(plate);
        assertThat(browser.findAll("#decision-form")).isEmpty();
        assertThat(browser.findAll("#download-evidence")).isEmpty();
        browser.signOut();

        Member supervisor = Member.create(accounts, Role.SUPERVISOR);
        browser.signIn(supervisor);
        browser.find("nav.menu [data-nav=holds] a").click();
        browser.waitForVisible("#holds");
        assertThat(browser.find("#holds tr[data-hold-id='" + holdId + "'] .hold-status")
                        .getText())
                .isEqualTo("PENDING_APPROVAL");
        browser.find("#holds tr[data-hold-id='" + holdId + "'] a").click();
        browser.waitForVisible("#decision-form");
        browser.screenshot("hold-approve");
        WebElement page = browser.find("main");
        browser.find("#approve-hold").click();
        browser.waitFor(ExpectedConditions.stalenessOf(page));
        assertThat(browser.waitForVisible("#hold-notice").getText()).contains("Approved", "24-008800");
        assertThat(browser.find("#hold-status").getText()).isEqualTo("APPROVED");
        assertThat(browser.find("#hold-approved").getText()).contains(supervisor.username());
        assertThat(jdbc.sql("SELECT approved_by FROM legal_holds WHERE id = ?")
                        .param(Long.parseLong(holdId))
                        .query(String.class)
                        .single())
                .isEqualTo(supervisor.username());

        // the evidence button posts to the API with the page's CSRF token; the answer is the ZIP
        String answer = (String) browser.script(
                "var t = document.querySelector('#evidence-form input[name=_csrf]').value;"
                        + " var body = new URLSearchParams(); body.append('_csrf', t);"
                        + " return fetch(arguments[0], {method: 'POST', body: body, credentials: 'same-origin'})"
                        + ".then(function (r) { return r.status + ' ' + r.headers.get('Content-Type'); });",
                "/api/v1/holds/" + holdId + "/evidence");
        assertThat(answer).isEqualTo("200 application/zip");
        String withoutToken = (String) browser.script(
                "return fetch(arguments[0], {method: 'POST', credentials: 'same-origin'})"
                        + ".then(function (r) { return String(r.status); });",
                "/api/v1/holds/" + holdId + "/evidence");
        assertThat(withoutToken).isEqualTo("403");
    }
}
