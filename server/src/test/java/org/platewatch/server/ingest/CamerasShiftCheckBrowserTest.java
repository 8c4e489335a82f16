package org.platewatch.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.support.Api;
import org.platewatch.server.support.BrowserTestSupport;
import org.platewatch.server.support.Member;
import org.platewatch.server.support.PlatewatchServerTest;
import org.platewatch.server.users.Role;
import org.platewatch.server.users.UserAccounts;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A supervisor opening the cameras page at the start of a shift sees which patrol car's agent started without a
 * passing shift-start check (issue 19), and what it has waiting; a unit whose check passed is not flagged.
 */
@PlatewatchServerTest
class CamerasShiftCheckBrowserTest extends BrowserTestSupport {

    @Autowired
    UserAccounts accounts;

    @Autowired
    DeviceRegistry devices;

    @Autowired
    Clock clock;

    @Test
    void aUnitThatStartedItsShiftWithAFailedCheckIsFlaggedForTheSupervisor() {
        Api api = new Api(port);
        String failing = startShift(api, false);
        String passing = startShift(api, true);

        browser.signIn(Member.create(accounts, Role.SUPERVISOR));
        browser.find("nav.menu [data-nav=cameras] a").click();
        WebElement failed = browser.waitForVisible("tr[data-device='" + failing + "']");
        assertThat(failed.findElements(By.cssSelector(".shift-flag")))
                .singleElement()
                .extracting(WebElement::getText)
                .isEqualTo("Shift started without a passing check");
        assertThat(failed.getText()).contains("7 reads wait");
        WebElement passed = browser.find("tr[data-device='" + passing + "']");
        assertThat(passed.findElements(By.cssSelector(".shift-flag"))).isEmpty();
        browser.screenshot("cameras-shift-flag");
    }

    /** A patrol car's agent starting: its shift-start check (passed or not), then its first status report. */
    private String startShift(Api api, boolean checkPasses) {
        String name = "car-" + UUID.randomUUID().toString().substring(0, 8);
        String token = devices.register(new DeviceRegistration(name, DeviceKind.MOBILE, null, null, null), Actor.SYSTEM)
                .token();
        String now = clock.instant().toString();
        Api.Response check = api.postJson("/api/v1/device/checks", token, """
                {"checkedAt":"%s","passed":%s,"items":[{"name":"camera","passed":%s,"detail":"shift start"}]}""".formatted(now, checkPasses, checkPasses));
        assertThat(check.status()).as(check.body()).isEqualTo(201);
        Api.Response status = api.postJson("/api/v1/device/status", token, """
                {"agentStartedAt":"%s","waiting":7,"refused":0,"oldestUnsentAt":"%s"}""".formatted(
                        now, clock.instant().minus(Duration.ofMinutes(20))));
        assertThat(status.status()).as(status.body()).isEqualTo(204);
        return name;
    }
}
