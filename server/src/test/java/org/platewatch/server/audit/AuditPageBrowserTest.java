package org.platewatch.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.support.BrowserTestSupport;
import org.platewatch.server.support.Member;
import org.platewatch.server.support.PlatewatchServerTest;
import org.platewatch.server.users.Role;
import org.platewatch.server.users.TrainingRecords;
import org.platewatch.server.users.UserAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 7 in a real browser: the auditor's audit log page (filters, paging, CSV export with the same
 * filters, the day's chain head), and the auditor refused the pages with plate data.
 */
@PlatewatchServerTest
class AuditPageBrowserTest extends BrowserTestSupport {

    @Autowired
    UserAccounts accounts;

    @Autowired
    TrainingRecords training;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditLog audit;

    @Autowired
    TransactionTemplate tx;

    @Test
    void anAuditorFiltersTheLogExportsItAndSeesTheChainHeadButNoPlateData() throws Exception {
        Member officer = Member.create(accounts, Role.OFFICER);
        Member auditor = Member.create(accounts, Role.AUDITOR);
        browser.signIn(auditor);
        assertThat(browser.findAll("nav.menu li").stream()
                        .map(li -> li.getDomAttribute("data-nav"))
                        .toList())
                .containsExactly("home", "audit", "audits", "retention", "search-review");
        assertThat(browser.findAll("#training-notice"))
                .as("auditors are not operators")
                .isEmpty();

        // refused what carries plate data, by the server as well as the menu
        browser.go("/alerts");
        assertThat(browser.find("#problem-detail").getText()).contains("Your role may not open this page");
        assertThat(((org.openqa.selenium.JavascriptExecutor) browser.driver())
                        .executeAsyncScript("var done = arguments[arguments.length - 1];"
                                + "fetch('/api/v1/alerts').then(function (r) { done(r.status); });"))
                .isEqualTo(403L);

        browser.go("/audit");
        browser.waitFor(ExpectedConditions.attributeToBeNotEmpty(browser.find("#main"), "data-loaded"));
        assertThat(browser.findAll("#audit-rows tr[data-event]")).isNotEmpty();
        // the chain head of today, as the API gives it
        String hash = browser.waitFor(d -> {
            String h = browser.find("#chain-hash").getText();
            return h.matches("[0-9a-f]{64}") ? h : null;
        });
        assertThat(Long.parseLong(browser.find("#chain-records").getText())).isPositive();
        assertThat(browser.find("#chain-date").getDomProperty("value"))
                .isEqualTo(training.today().toString());
        assertThat(jdbc.sql("SELECT count(*) FROM audit_events WHERE hash = ?")
                        .param(hash)
                        .query(Long.class)
                        .single())
                .isEqualTo(1L);
        browser.screenshot("audit");
        browser.script("document.getElementById('chain-panel').scrollIntoView()");
        browser.screenshot("audit-chain-head");
        browser.script("window.scrollTo(0, 0)");

        // filter by member and action: only their sign-ins; the CSV link carries the same filters
        browser.find("#filter-user").sendKeys(officer.username());
        browser.find("#filter-action").sendKeys("user.*");
        browser.find("#audit-filters button[type=submit]").click();
        browser.waitFor(d -> (browser.find("#audit-summary").getText().matches("\\d+ records?")
                        && browser.findAll("#audit-rows tr[data-event]").stream()
                                .allMatch(tr -> tr.getText().contains(officer.username())))
                ? true
                : null);
        List<String> actions = browser.findAll("#audit-rows tr[data-event]").stream()
                .map(tr -> tr.getDomAttribute("data-action"))
                .toList();
        // the filter is on who acted: the officer's own password change, not the account's creation by the system
        assertThat(actions)
                .contains("user.password-changed")
                .doesNotContain("user.created")
                .allMatch(a -> a.startsWith("user."));
        String csv = browser.find("#audit-csv").getDomAttribute("href");
        assertThat(csv)
                .startsWith("/api/v1/audit/events.csv?")
                .contains("user=" + officer.username())
                .contains("action=user.*");
        browser.screenshot("audit-filtered");

        // the export with the session: the rows of those filters, and the export itself is audited
        Cookie session = browser.driver().manage().getCookieNamed("JSESSIONID");
        HttpResponse<String> export = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(browser.url(csv)))
                                .header("Cookie", "JSESSIONID=" + session.getValue())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(export.statusCode()).isEqualTo(200);
        List<String> lines = export.body().lines().toList();
        assertThat(lines.get(0)).startsWith("id,occurred_at,username");
        assertThat(lines.subList(1, lines.size()))
                .isNotEmpty()
                .allMatch(l -> l.contains("," + officer.username() + ",") && l.contains(",user."));
        assertThat(jdbc.sql("SELECT count(*) FROM audit_events WHERE action = 'audit.exported' AND username = ?")
                        .param(auditor.username())
                        .query(Long.class)
                        .single())
                .isEqualTo(1L);

        // a date range with nothing in it, and one that ends before it begins: the error next to the field
        setDate("#filter-from", training.today().plusDays(1).toString());
        setDate("#filter-to", training.today().plusDays(2).toString());
        browser.find("#audit-filters button[type=submit]").click();
        browser.waitFor(d -> browser.find("#audit-summary").getText().equals("0 records") ? true : null);
        setDate("#filter-to", training.today().minusDays(1).toString());
        browser.find("#audit-filters button[type=submit]").click();
        assertThat(browser.waitForVisible("#to-error").getText()).isEqualTo("must be after from");

        // paging: all records, 50 to a page; enough records for three pages, whatever came before
        tx.executeWithoutResult(status -> {
            for (int i = 0; i < 101; i++) {
                audit.record(Actor.SYSTEM, AuditEvent.of("test.paging", "record:" + i));
            }
        });
        browser.find("#filter-reset").click();
        browser.waitFor(d -> browser.find("#audit-summary").getText().matches("[1-9]\\d* records?") ? true : null);
        long total = Long.parseLong(browser.find("#audit-summary").getText().split(" ")[0]);
        assertThat(total).isGreaterThan(100);
        long pages = (total + 49) / 50;
        assertThat(browser.find("#page-info").getText()).isEqualTo("Page 1 of " + pages);
        assertThat(browser.find("#page-prev").isEnabled()).isFalse();
        List<String> firstPage = eventIds();
        assertThat(firstPage).hasSize(50);
        browser.find("#page-next").click();
        browser.waitFor(d -> browser.find("#page-info").getText().equals("Page 2 of " + pages) ? true : null);
        assertThat(browser.find("#page-prev").isEnabled()).isTrue();
        assertThat(eventIds()).hasSize(50).doesNotContainAnyElementsOf(firstPage);

        // the car laptop width, dark
        browser.find("#theme-toggle").click();
        browser.driver().manage().window().setSize(new Dimension(1024, 768));
        browser.go("/audit");
        browser.waitFor(ExpectedConditions.attributeToBeNotEmpty(browser.find("#main"), "data-loaded"));
        browser.screenshot("audit-dark-1024");
    }

    @Test
    void anAdministratorSeesTheAuditLogToo() {
        browser.signIn(Member.create(accounts, Role.ADMINISTRATOR));
        browser.go("/audit");
        browser.waitFor(ExpectedConditions.attributeToBeNotEmpty(browser.find("#main"), "data-loaded"));
        WebElement first = browser.find("#audit-rows tr[data-event]");
        assertThat(first.findElements(By.cssSelector("td"))).hasSize(6);
    }

    private List<String> eventIds() {
        return browser.findAll("#audit-rows tr[data-event]").stream()
                .map(tr -> tr.getDomAttribute("data-event"))
                .toList();
    }

    private void setDate(String css, String date) {
        browser.script("document.querySelector(arguments[0]).value = arguments[1]", css, date);
    }
}
