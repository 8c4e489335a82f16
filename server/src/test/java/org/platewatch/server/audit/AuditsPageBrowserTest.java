package org.platewatch.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.platewatch.server.ingest.DeviceRegistry;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.support.Api;
import org.platewatch.server.support.BrowserTestSupport;
import org.platewatch.server.support.Member;
import org.platewatch.server.support.PlatewatchServerTest;
import org.platewatch.server.users.PersonalTokens;
import org.platewatch.server.users.Role;
import org.platewatch.server.users.UserAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Issue 17 in a real browser: an auditor sees the overdue audit, starts it, marks each sampled search (one not
 * compliant, with a note, after a refusal without one), completes it and reads the filed report; an administrator
 * corrects a read from its search result and the result then shows the original.
 */
@PlatewatchServerTest
@TestPropertySource(properties = "platewatch.policy.implemented-on=2024-02-01")
class AuditsPageBrowserTest extends BrowserTestSupport {

    @Autowired
    UserAccounts accounts;

    @Autowired
    PersonalTokens tokens;

    @Autowired
    DeviceRegistry devices;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anAuditorWalksADueAuditToItsReport() {
        AuditFixtures fixtures = new AuditFixtures(new Api(port), accounts, tokens, devices, jdbc);
        String investigator = fixtures.member(Role.INVESTIGATOR);
        for (int i = 0; i < 3; i++) {
            fixtures.search(investigator, "24-B" + (200 + i), "7BRW" + (200 + i));
        }
        Member auditor = Member.create(accounts, Role.AUDITOR);
        browser.signIn(auditor);
        browser.go("/audits");
        assertThat(browser.find("#audit-due").getDomAttribute("data-status")).isEqualTo("OVERDUE");
        assertThat(browser.find("nav.menu a[aria-current=page]").getDomAttribute("href"))
                .isEqualTo("/audits");
        submit(browser.find("#start-audit"));

        // the other test's searches may be in the window too (test order is not fixed): all are sampled
        List<WebElement> sample = browser.findAll("#sample .sampled-search");
        int n = sample.size();
        assertThat(n).isBetween(3, 5);
        assertThat(browser.find("#sample").getText()).contains("Case 24-B200", "Case 24-B201", "Case 24-B202");
        browser.screenshot("audits-sample");

        // not compliant needs a note: refused, then saved with one
        String first = sample.get(0).getDomAttribute("data-search-id");
        finding(first).findElement(By.cssSelector(".compliant-no")).click();
        submit(finding(first).findElement(By.cssSelector(".save-finding")));
        assertThat(browser.find("#audit-failure").getText()).contains("note");
        finding(first).findElement(By.cssSelector(".compliant-no")).click();
        finding(first).findElement(By.cssSelector(".finding-note")).sendKeys("reason too vague");
        submit(finding(first).findElement(By.cssSelector(".save-finding")));
        assertThat(finding(first).findElement(By.cssSelector(".finding")).getText())
                .isEqualTo("not compliant");

        // completing before every search is marked is refused
        submit(browser.find("#complete-audit"));
        assertThat(browser.find("#audit-failure").getText()).contains("not marked yet");

        List<String> ids = browser.findAll("#sample .sampled-search").stream()
                .map(s -> s.getDomAttribute("data-search-id"))
                .toList();
        for (String id : ids) { // each save reloads the page
            if (!id.equals(first)) {
                finding(id).findElement(By.cssSelector(".compliant-yes")).click();
                submit(finding(id).findElement(By.cssSelector(".save-finding")));
            }
        }
        assertThat(browser.find("#marked-count").getText()).isEqualTo(n + " of " + n);
        submit(browser.find("#complete-audit"));
        assertThat(browser.find("#audit-notice").getText()).contains("report is filed");
        assertThat(browser.findAll("#audit-due")).isEmpty();

        String html = browser.find("#reports .report-html").getDomAttribute("href");
        assertThat(browser.find("#reports .report-pdf").getDomAttribute("href")).endsWith("/report.pdf");
        browser.screenshot("audits-filed");
        browser.go(html);
        assertThat(browser.find("body").getText())
                .contains("ALPR system audit report")
                .contains((n - 1) + " of " + n + " sampled searches met the policy's requirements")
                .contains("reason too vague")
                .contains("Case 24-B200");
    }

    @Test
    void anAdministratorCorrectsAReadFromItsSearchResult() {
        AuditFixtures fixtures = new AuditFixtures(new Api(port), accounts, tokens, devices, jdbc);
        UUID read = fixtures.upload(
                "6MNO551", Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(120));
        Member administrator = Member.create(accounts, Role.ADMINISTRATOR);
        browser.signIn(administrator);
        // the searches are the administrator's own: a search's results are its requester's
        String token =
                tokens.issue(administrator.username(), "test", Actor.SYSTEM).token();
        UUID search = fixtures.search(token, "24-C300", "6MNO551");
        browser.go("/console/searches/" + search);
        browser.find("#results a.correct-read").click();
        assertThat(browser.find("#form-heading").getText()).contains(read.toString());
        browser.find("#correction-plate").sendKeys("6MN0551");
        browser.find("#correction-state").sendKeys("CA");
        browser.find("#correction-reason").sendKeys("O read for 0, checked on the image");
        submit(browser.find("#correction-submit"));
        assertThat(browser.find("#correction-notice").getText()).contains(read.toString());
        assertThat(browser.find("#corrections td.original").getText()).isEqualTo("6MNO551 CA");

        UUID again = fixtures.search(token, "24-C301", "6MN0551");
        browser.go("/console/searches/" + again);
        assertThat(browser.find("#results .original-plate").getText()).isEqualTo("6MNO551 CA");
        browser.screenshot("search-corrected-read");
    }

    /** Submits a form and waits for the page it leads to (each form posts and redirects back). */
    private static void submit(WebElement button) {
        button.click();
        browser.waitFor(ExpectedConditions.stalenessOf(button));
    }

    private WebElement finding(String searchId) {
        return browser.find("#sample .sampled-search[data-search-id='" + searchId + "']");
    }
}
