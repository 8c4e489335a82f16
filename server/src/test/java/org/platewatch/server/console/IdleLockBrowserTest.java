package org.platewatch.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.platewatch.server.support.BrowserTestSupport;
import org.platewatch.server.support.Member;
import org.platewatch.server.support.MutableClock;
import org.platewatch.server.support.PlatewatchServerTest;
import org.platewatch.server.users.Role;
import org.platewatch.server.users.UserAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The 30-minute idle lock (CJIS 5.5.5) on pages that keep talking to the server by themselves (issue 15, item 8):
 * the cameras table's refresh and the alerts page's live stream must not keep a session open that nobody uses,
 * while a member's own navigation does. The server's clock is moved; the heartbeat is 1 s so the stream notices.
 */
@PlatewatchServerTest
@TestPropertySource(properties = "platewatch.alert.heartbeat=1s")
class IdleLockBrowserTest extends BrowserTestSupport {

    @Autowired
    UserAccounts accounts;

    @Autowired
    Clock clock;

    @BeforeEach
    @AfterEach
    void resetClock() {
        ((MutableClock) clock).reset();
    }

    @Test
    void theCamerasPageLeftOpenLocksAfterThirtyMinutesThoughItsTableKeepsRefreshing() {
        browser.signIn(Member.create(accounts, Role.SUPERVISOR));
        browser.go("/cameras");
        browser.waitForVisible("#device-table");

        advance(20);
        refreshTable();
        assertThat(browser.driver().getCurrentUrl())
                .as("20 minutes: still open")
                .endsWith("/cameras");

        advance(11); // 31 minutes after the last page the member opened; the refresh 11 minutes ago does not count
        browser.script("htmx.trigger(document.body, 'devices-changed')");
        assertThat(browser.waitForVisible("#idle-locked").getText()).contains("without activity");
        browser.go("/cameras");
        assertThat(browser.findAll("#signin-form"))
                .as("the session is over, not just the page")
                .hasSize(1);
    }

    @Test
    void aMembersOwnNavigationKeepsTheSessionOpen() {
        browser.signIn(Member.create(accounts, Role.SUPERVISOR));
        browser.go("/cameras");
        browser.waitForVisible("#device-table");

        advance(20);
        browser.go("/cameras"); // the member's own action
        browser.waitForVisible("#device-table");
        advance(20); // 40 minutes after sign-in, 20 after the last action
        refreshTable();
        assertThat(browser.driver().getCurrentUrl()).endsWith("/cameras");
        assertThat(browser.findAll("#signin-form")).isEmpty();

        advance(11);
        browser.script("htmx.trigger(document.body, 'devices-changed')");
        browser.waitForVisible("#idle-locked");
    }

    @Test
    void theAlertsPageLiveStreamEndsAndThePageReturnsToSignInAfterTheIdleTime() {
        browser.signIn(Member.create(accounts, Role.OFFICER));
        browser.go("/alerts");
        browser.waitFor(ExpectedConditions.attributeToBe(By.id("stream-status"), "data-state", "live"));

        advance(31);
        // the next heartbeat ends the stream, its reconnect is refused, and the page goes to sign-in
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(By.id("signin-form")));
        browser.go("/alerts");
        assertThat(browser.findAll("#signin-form")).hasSize(1);
    }

    /** Runs the table's refresh (the request its 60-second poll makes) and waits for its answer. */
    private void refreshTable() {
        browser.script("window.refreshes = 0; document.body.addEventListener('htmx:afterRequest', "
                + "function () { window.refreshes++; }); htmx.trigger(document.body, 'devices-changed');");
        browser.waitFor(d -> Long.valueOf(1).equals(browser.script("return window.refreshes")));
    }

    private void advance(int minutes) {
        ((MutableClock) clock).advance(Duration.ofMinutes(minutes));
    }
}
