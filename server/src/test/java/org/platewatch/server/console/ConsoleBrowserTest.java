package org.platewatch.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.platewatch.server.ingest.DeviceKind;
import org.platewatch.server.ingest.DeviceRegistration;
import org.platewatch.server.ingest.DeviceRegistry;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.support.Api;
import org.platewatch.server.support.BrowserTestSupport;
import org.platewatch.server.support.Member;
import org.platewatch.server.support.PlatewatchServerTest;
import org.platewatch.server.users.Role;
import org.platewatch.server.users.UserAccounts;
import org.springframework.beans.factory.annotation.Autowired;

/** The console in a real browser: sign-in per role, the menu and page access, cameras and registration. */
@PlatewatchServerTest
class ConsoleBrowserTest extends BrowserTestSupport {

    /** The menu each role must see, in order; planned pages included (greyed until their feature lands). */
    static final Map<Role, List<String>> MENUS = new EnumMap<>(Map.of(
            // search: the roles the department's profile lets search (the shipped profiles: all but auditors)
            Role.OFFICER, List.of("home", "alerts", "hotlists", "search"),
            // holds (legal holds, order 44, just before the search approvals)
            Role.INVESTIGATOR, List.of("home", "alerts", "hotlists", "search", "holds"),
            Role.SUPERVISOR, List.of("home", "alerts", "hotlists", "search", "holds", "search-approvals", "cameras"),
            Role.ADMINISTRATOR,
                    List.of(
                            "home",
                            "alerts",
                            "hotlists",
                            "search",
                            "holds",
                            "search-approvals",
                            "cameras",
                            "users",
                            "sharing",
                            "audit",
                            "audits",
                            "retention",
                            "search-review",
                            "transparency"),
            Role.AUDITOR, List.of("home", "audit", "audits", "retention", "search-review")));

    @Autowired
    UserAccounts accounts;

    @Autowired
    DeviceRegistry devices;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void eachRoleSeesOnlyItsPagesAndIsRefusedTheOthers() {
        for (Role role : Role.values()) {
            Member member = Member.create(accounts, role);
            browser.signIn(member);
            List<String> menu = browser.findAll("nav.menu li").stream()
                    .map(li -> li.getDomAttribute("data-nav"))
                    .toList();
            assertThat(menu).as("menu of %s", role).isEqualTo(MENUS.get(role));
            assertThat(browser.find(".role-brief").getDomAttribute("data-role")).isEqualTo(role.name());
            browser.screenshot("home-" + role.name().toLowerCase(java.util.Locale.ROOT));

            // the server refuses what the menu hides
            assertPage("/cameras", MENUS.get(role).contains("cameras"));
            assertPage("/alerts", MENUS.get(role).contains("alerts"));
            // issue 7 (console3): users and training for administrators, the audit log for auditors and administrators
            assertPage("/users", MENUS.get(role).contains("users"));
            assertPage("/audit", MENUS.get(role).contains("audit"));
            // issue 16: searching detections, approving broad searches, the search review (anomaly flags)
            assertPage("/console/searches", MENUS.get(role).contains("search"));
            assertPage("/console/searches/approvals", MENUS.get(role).contains("search-approvals"));
            assertPage("/console/searches/anomalies", MENUS.get(role).contains("search-review"));
            // issue 17: retention status and deletion certificates for administrators and auditors
            assertPage("/retention", MENUS.get(role).contains("retention"));
            // issue 17: the periodic audits for auditors and administrators, corrections for administrators
            assertPage("/audits", MENUS.get(role).contains("audits"));
            browser.go("/corrections"); // reached from a search result, not from the menu
            assertThat(browser.findAll("#problem-detail").isEmpty())
                    .as("/corrections")
                    .isEqualTo(role == Role.ADMINISTRATOR);
            // issue 17: legal holds for investigators, supervisors and administrators
            assertPage("/holds", MENUS.get(role).contains("holds"));
            // issue 18: sharing (release requests, agencies, agreements, the breach record) for administrators
            assertPage("/sharing/requests", MENUS.get(role).contains("sharing"));
            // every member has their own account page, reached from their name in the header
            browser.go("/");
            WebElement home = browser.find("html");
            browser.find("#my-account").click();
            browser.waitFor(ExpectedConditions.stalenessOf(home));
            assertThat(browser.find("h1").getText()).isEqualTo("My account");
            browser.signOut();
            assertThat(browser.find("#signed-out").getText()).contains("signed out");
        }
    }

    private void assertPage(String path, boolean allowed) {
        browser.go(path);
        if (allowed) {
            assertThat(browser.findAll("#problem-detail")).as(path).isEmpty();
            assertThat(browser.find("nav.menu a[aria-current=page]").getDomAttribute("href"))
                    .isEqualTo(path);
        } else {
            assertThat(browser.find("#problem-detail").getText()).as(path).contains("Your role may not open this page");
        }
    }

    @Test
    void aFailedSignInSaysSoAndTheFormIsKeyboardReachable() {
        Member member = Member.create(accounts, Role.OFFICER);
        browser.go("/login");
        // skip link first, then the fields in order, each with a label
        assertThat(browser.script("return document.querySelector('a[href], button, input').className"))
                .as("the skip link comes first")
                .isEqualTo("skip-link");
        browser.script("document.querySelector('.skip-link').focus()");
        assertThat(browser.find(".skip-link").getRect().getY())
                .as("visible when focused")
                .isGreaterThanOrEqualTo(0);
        for (String id : List.of("username", "password", "code")) {
            assertThat(browser.findAll("label[for=" + id + "]")).hasSize(1);
        }
        browser.find("#username").sendKeys(member.username());
        browser.find("#password").sendKeys("wrong password");
        browser.find("#code").sendKeys("123456");
        browser.screenshot("sign-in");
        browser.find("#signin-form button[type=submit]").click();
        assertThat(browser.waitForVisible("#signin-error").getText()).contains("Sign-in failed");
        assertThat(browser.driver().getCurrentUrl()).doesNotContain(member.username());
    }

    @Test
    void theCamerasPageShowsDevicesInTheTableAndOnTheMapWithoutTiles() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String camera = "cam-fruitvale-" + suffix;
        String token = devices.register(
                        new DeviceRegistration(camera, DeviceKind.FIXED, 37.7749, -122.2241, 90.0), Actor.SYSTEM)
                .token();
        devices.register(
                new DeviceRegistration("car-silent-" + suffix, DeviceKind.MOBILE, null, null, null), Actor.SYSTEM);
        Api.Response upload = new Api(port)
                .postJson(
                        "/api/v1/reads",
                        token,
                        "{\"reads\":[" + read(Instant.now()) + ","
                                + read(Instant.now().minusSeconds(30)) + "]}");
        assertThat(upload.status()).isEqualTo(200);

        Member supervisor = Member.create(accounts, Role.SUPERVISOR);
        browser.signIn(supervisor);
        browser.go("/cameras");
        assertThat(jdbc.sql("SELECT result_count FROM audit_events WHERE action = 'detections.map-viewed' "
                                + "AND username = ?")
                        .param(supervisor.username())
                        .query(Integer.class)
                        .list())
                .as("showing where reads were taken is an audited access")
                .containsExactly(2);
        WebElement row = browser.find("#device-table tr[data-device='" + camera + "']");
        List<String> cells = row.findElements(By.cssSelector("th, td")).stream()
                .map(WebElement::getText)
                .toList();
        assertThat(cells.get(1)).isEqualTo("Fixed camera");
        assertThat(cells.get(2)).isNotEqualTo("never");
        assertThat(cells.get(3)).isEqualTo("2");
        assertThat(cells.get(4)).startsWith("OK");
        assertThat(browser.find("#device-table tr[data-device='car-silent-" + suffix + "'] .health")
                        .getText())
                .isEqualTo("No upload yet");

        // the map draws the camera although this machine cannot reach any tile server
        browser.waitFor(ExpectedConditions.attributeToBe(By.id("device-map"), "data-ready", "true"));
        WebElement marker = browser.find("#device-map path.device-marker[data-device='" + camera + "']");
        assertThat(marker.isDisplayed()).isTrue();
        assertThat(marker.getSize().getWidth()).isGreaterThan(5);
        assertThat(browser.findAll("#device-map path.read-marker")).hasSize(2);
        assertThat(browser.findAll("#register-panel"))
                .as("supervisors do not register devices")
                .isEmpty();
        browser.screenshot("cameras-supervisor");
    }

    @Test
    void anAdministratorRegistersADeviceSeesFieldErrorsThenTheTokenOnce() throws Exception {
        Member admin = Member.create(accounts, Role.ADMINISTRATOR);
        browser.signIn(admin);
        browser.go("/cameras");
        String name = "cam-high-st-" + UUID.randomUUID().toString().substring(0, 6);

        // a fixed camera without a position: the error appears next to the field, nothing is registered
        browser.find("#device-name").sendKeys(name);
        browser.find("#device-longitude").sendKeys("north");
        browser.find("#register-form button[type=submit]").click();
        assertThat(browser.waitForVisible("#longitude-error").getText()).isEqualTo("must be a number");
        assertThat(browser.find("#device-longitude").getDomAttribute("aria-invalid"))
                .isEqualTo("true");
        assertThat(browser.find("#device-name").getDomProperty("value")).isEqualTo(name);
        assertThat(devices.all()).noneMatch(d -> d.name().equals(name));
        browser.screenshot("cameras-register-errors");

        browser.find("#device-latitude").sendKeys("37.7990");
        browser.find("#device-longitude").clear();
        browser.find("#device-longitude").sendKeys("-122.2000");
        browser.find("#device-heading").sendKeys("180");
        // registering needs the administrator's password and a fresh code: a wrong code is refused
        browser.find("#register-currentPassword").sendKeys(admin.password());
        browser.find("#register-code").sendKeys("000000");
        browser.find("#register-form button[type=submit]").click();
        assertThat(browser.waitForVisible("#register-currentPassword-error").getText())
                .contains("not right");
        assertThat(devices.all()).noneMatch(d -> d.name().equals(name));
        browser.find("#register-currentPassword").sendKeys(admin.password());
        browser.find("#register-code").sendKeys(admin.currentCode());
        browser.find("#register-form button[type=submit]").click();
        String token = browser.waitForVisible("#device-token").getText();
        assertThat(token).startsWith("pwd_");
        assertThat(devices.authenticate(token))
                .hasValueSatisfying(d -> assertThat(d.name()).isEqualTo(name));
        // the table refreshes by itself
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#device-table tr[data-device='" + name + "']")));
        browser.screenshot("cameras-register-token");

        // shown once: the page never shows it again
        browser.go("/cameras");
        assertThat(browser.driver().getPageSource()).doesNotContain(token);
        assertThat(browser.find("#device-table tr[data-device='" + name + "'] .health")
                        .getText())
                .isEqualTo("No upload yet");
        browser.screenshot("cameras-administrator");
    }

    @Test
    void theDarkThemeIsRememberedAndEveryPageCarriesTheSecurityHeaders() throws Exception {
        browser.signIn(Member.create(accounts, Role.ADMINISTRATOR));
        browser.find("#theme-toggle").click(); // auto -> dark
        assertThat(browser.find("html").getDomAttribute("data-theme")).isEqualTo("dark");
        browser.go("/cameras");
        assertThat(browser.find("html").getDomAttribute("data-theme")).isEqualTo("dark");
        browser.screenshot("cameras-dark");
        browser.go("/");
        browser.screenshot("home-administrator-dark");

        HttpResponse<String> login = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(browser.url("/login")))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        String csp = login.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp)
                .contains(
                        "default-src 'self'",
                        "script-src 'self'",
                        "img-src 'self' data:",
                        "https://tile.openstreetmap.org");
        assertThat(csp).doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(login.body()).contains("name=\"_csrf\"").doesNotContain("<script>");
    }

    private static String read(Instant at) {
        return "{\"readId\":\"" + UUID.randomUUID() + "\",\"plate\":\"7ABC123\",\"state\":\"CA\",\"confidence\":0.9,"
                + "\"capturedAt\":\"" + at + "\",\"latitude\":37.7750,\"longitude\":-122.2240}";
    }
}
