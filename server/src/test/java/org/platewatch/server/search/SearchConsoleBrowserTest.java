package org.platewatch.server.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.platewatch.server.ingest.DeviceKind;
import org.platewatch.server.ingest.DeviceRegistration;
import org.platewatch.server.ingest.DeviceRegistry;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.policy.DepartmentProfile;
import org.platewatch.server.support.Api;
import org.platewatch.server.support.BrowserTestSupport;
import org.platewatch.server.support.Member;
import org.platewatch.server.support.PlatewatchServerTest;
import org.platewatch.server.users.Role;
import org.platewatch.server.users.UserAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The search console in a real browser, as its users walk it: an investigator searches a partial plate for a
 * case, opens a result's image and exports the results; a supervisor approves a broad canvass, which then runs for
 * its requester with its results on the map and in the list; a refused field comes back beside the field with the
 * form kept. Reads come in through the device upload API.
 */
@PlatewatchServerTest
class SearchConsoleBrowserTest extends BrowserTestSupport {

    @Autowired
    UserAccounts accounts;

    @Autowired
    DeviceRegistry devices;

    @Autowired
    DepartmentProfile profile;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    Api api;
    SearchFixtures fixtures;
    String unit;
    Instant now;
    String tag;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new SearchFixtures(api, devices);
        unit = fixtures.unit;
        now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        tag = SearchFixtures.tag();
    }

    @Test
    void anInvestigatorSearchesAPartialPlateForACaseOpensAResultsImageAndExportsTheResults() {
        UUID withImage = UUID.randomUUID();
        upload(
                unit,
                List.of(
                        SearchFixtures.read(withImage, "7" + tag + "312", now.minusSeconds(600), 34.10, -117.10),
                        SearchFixtures.read("7" + tag + "912", now.minusSeconds(500), 34.11, -117.11),
                        SearchFixtures.read("7" + tag + "313", now.minusSeconds(400), 34.10, -117.10),
                        SearchFixtures.read("8" + tag + "312", now.minusSeconds(300), 34.10, -117.10)));
        assertThat(api.putBytes("/api/v1/reads/" + withImage + "/image", unit, "image/jpeg", jpeg())
                        .status())
                .isEqualTo(200);

        Member investigator = Member.create(accounts, Role.INVESTIGATOR);
        browser.signIn(investigator);
        browser.find("nav.menu [data-nav=search] a").click();
        fillWhy("24-001234", "STOLEN_VEHICLE", "stolen vehicle report, Broadway and 14th");
        String pattern = "7" + tag.substring(0, 2) + "*12";
        browser.find("#search-plate").sendKeys(pattern);
        String id = submitAndOpen();

        assertThat(browser.find("#search-status").getText()).isEqualTo("Ran");
        assertThat(browser.find("#search-terms").getText()).isEqualTo("plate=" + pattern);
        assertThat(browser.driver().getCurrentUrl()).doesNotContain(tag).endsWith("/console/searches/" + id);
        browser.waitFor(ExpectedConditions.attributeToBe(By.id("canvass-map"), "data-ready", "true"));
        assertThat(resultPlates()).containsExactly("7" + tag + "912", "7" + tag + "312");
        assertThat(browser.findAll("#canvass-map path.result-marker")).hasSize(2);

        // the result's image, through the search's audited image endpoint
        browser.find("#results tr[data-read-id='" + withImage + "'] .result-open")
                .click();
        browser.waitForVisible("#result-detail");
        assertThat(browser.find("#detail-plate").getText()).isEqualTo("7" + tag + "312");
        browser.waitFor(d -> (Boolean) browser.script("var i = document.getElementById('result-image');"
                + " return !i.hidden && i.complete && i.naturalWidth > 0;"));
        assertThat(browser.find("#result-image").getDomAttribute("src"))
                .isEqualTo("/api/v1/searches/" + id + "/results/" + withImage + "/image");
        assertThat(auditCount(investigator, "search.image-viewed", "search:" + id + " read:" + withImage))
                .isEqualTo(1);
        browser.screenshot("search-partial-plate");

        // the CSV export, fetched with the page's own session as the link would be
        String csvLink = browser.find("#export-csv").getDomAttribute("href");
        assertThat(csvLink).isEqualTo("/api/v1/searches/" + id + "/export.csv");
        String answer = (String) browser.script(
                "return fetch(arguments[0], {credentials: 'same-origin'})"
                        + ".then(function (r) { return r.text().then(function (t) { return r.status + '\\n' + t; }); });",
                csvLink);
        assertThat(answer).startsWith("200\n").contains("7" + tag + "912", "7" + tag + "312");
        assertThat(answer).doesNotContain("7" + tag + "313");
        assertThat(auditCount(investigator, "search.exported", null)).isEqualTo(1);
        String kml = (String) browser.script(
                "return fetch(arguments[0], {credentials: 'same-origin'}).then(function (r) { return r.status; })"
                        + ".then(String);",
                browser.find("#export-kml").getDomAttribute("href"));
        assertThat(kml).isEqualTo("200");
        assertThat(auditCount(investigator, "search.exported", null)).isEqualTo(2);
    }

    @Test
    void aSupervisorApprovesABroadCanvassAndItsRequesterThenSeesItOnTheMapAndInTheList() {
        double lat = 35.0 + Math.random();
        double lon = -119.0 - Math.random();
        String cameraName = "cam-park-" + suffix();
        String camera = devices.register(
                        new DeviceRegistration(cameraName, DeviceKind.FIXED, lat, lon, 90.0), Actor.SYSTEM)
                .token();
        upload(
                camera,
                List.of(
                        SearchFixtures.read("2" + tag + "551", now.minus(Duration.ofHours(3)), lat + 0.0003, lon),
                        SearchFixtures.read("2" + tag + "552", now.minus(Duration.ofHours(2)), lat, lon),
                        SearchFixtures.read("2" + tag + "553", now.minus(Duration.ofHours(1)), lat - 0.0003, lon)));

        Member investigator = Member.create(accounts, Role.INVESTIGATOR);
        browser.signIn(investigator);
        browser.go("/console/searches");
        fillWhy("24-007001", "CRIME_SCENE_CANVASS", "homicide at the park: vehicles near the scene");
        typeDateTime("#search-from", local(now.minus(Duration.ofDays(45))));
        typeDateTime("#search-to", local(now.plus(Duration.ofHours(1))));
        browser.find("#search-latitude").sendKeys(String.valueOf(lat));
        browser.find("#search-longitude").sendKeys(String.valueOf(lon));
        browser.find("#search-radiusMeters").sendKeys("300");
        String id = submitAndOpen();
        assertThat(browser.find("main").getDomAttribute("data-status")).isEqualTo("PENDING_APPROVAL");
        assertThat(browser.find("#pending-notice").getText()).contains("waiting for a supervisor");
        assertThat(browser.find("#broad-because").getText()).contains("longer than 30 days");
        assertThat(browser.findAll("#results")).isEmpty();
        browser.go("/console/searches");
        assertThat(browser.find("#my-searches li[data-search-id='" + id + "']").getText())
                .contains("24-007001", "Waiting for a supervisor");
        browser.signOut();

        Member supervisor = Member.create(accounts, Role.SUPERVISOR);
        browser.signIn(supervisor);
        browser.find("nav.menu [data-nav=search-approvals] a").click();
        String item = "#pending-searches li[data-search-id='" + id + "']";
        WebElement pending = browser.waitForVisible(item);
        assertThat(pending.getText())
                .contains("24-007001", "Canvass of a crime scene", "homicide at the park", "longer than 30 days");
        assertThat(pending.getText()).doesNotContain("2" + tag); // the supervisor never sees the results
        // refusing needs a note: the refusal comes back beside this search's form
        browser.find(item + " button.reject").click();
        assertThat(browser.waitForVisible(item + " .decision-error").getText()).contains("say why");
        browser.find(item + " textarea").sendKeys("canvass approved for the homicide case");
        browser.find(item + " button.approve").click();
        assertThat(browser.waitForVisible("#decided-notice").getText()).contains("Approved", "24-007001");
        assertThat(browser.findAll(item)).isEmpty();
        browser.signOut();

        browser.signIn(investigator);
        browser.go("/console/searches/" + id);
        assertThat(browser.find("main").getDomAttribute("data-status")).isEqualTo("COMPLETED");
        assertThat(browser.find("#search-total").getText()).isEqualTo("3 detections");
        browser.waitFor(ExpectedConditions.attributeToBe(By.id("canvass-map"), "data-ready", "true"));
        assertThat(resultPlates()).containsExactly("2" + tag + "553", "2" + tag + "552", "2" + tag + "551");
        assertThat(browser.findAll("#canvass-map path.result-marker")).hasSize(3);
        assertThat(browser.findAll("#canvass-map path.camera-marker[data-camera='" + cameraName + "']"))
                .hasSize(1);
        browser.screenshot("search-canvass");

        // the time slider at its start shows only the earliest result, on the map and in the list alike
        browser.find("#time-slider").sendKeys(Keys.HOME);
        browser.waitFor(ExpectedConditions.attributeToBe(By.id("canvass-map"), "data-shown", "1"));
        assertThat(browser.findAll("#canvass-map path.result-marker")).hasSize(1);
        assertThat(visibleResultPlates()).containsExactly("2" + tag + "551");
        browser.find("#time-slider").sendKeys(Keys.END);
        browser.waitFor(ExpectedConditions.attributeToBe(By.id("canvass-map"), "data-shown", "3"));
        new Select(browser.find("#time-window")).selectByValue("3600");
        browser.waitFor(ExpectedConditions.attributeToBe(By.id("canvass-map"), "data-shown", "1"));
        assertThat(visibleResultPlates()).containsExactly("2" + tag + "553");

        // a click on the map shows that read
        browser.find("#canvass-map path.result-marker").click();
        browser.waitForVisible("#result-detail");
        assertThat(browser.find("#detail-plate").getText()).isEqualTo("2" + tag + "553");
        assertThat(browser.find("#detail-camera").getText()).isEqualTo(cameraName);
        assertThat(browser.find("#result-no-image").isDisplayed()).isTrue();
    }

    @Test
    void aRefusedFieldIsShownBesideItAndTheFormIsKept() {
        Member investigator = Member.create(accounts, Role.INVESTIGATOR);
        browser.signIn(investigator);
        browser.go("/console/searches");
        fillWhy("24-000555", "STOLEN_VEHICLE", "stolen vehicle report");
        browser.find("#search-plate").sendKeys("6" + tag + "100");
        typeDateTime("#search-from", local(now));
        typeDateTime("#search-to", local(now.minus(Duration.ofHours(2))));
        browser.find("#search-submit").click();

        assertThat(browser.waitForVisible("#to-error").getText()).contains("must be after from");
        assertThat(browser.find("#search-to").getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.find("#search-caseNumber").getDomProperty("value")).isEqualTo("24-000555");
        assertThat(browser.find("#search-plate").getDomProperty("value")).isEqualTo("6" + tag + "100");
        assertThat(new Select(browser.find("#search-purpose"))
                        .getFirstSelectedOption()
                        .getDomAttribute("value"))
                .isEqualTo("STOLEN_VEHICLE");
        assertThat(browser.find("#search-reason").getDomProperty("value")).isEqualTo("stolen vehicle report");
        assertThat(browser.find("#search-from").getDomProperty("value"))
                .isEqualTo(local(now).toString());

        // a forbidden purpose, said in the reason: refused, and the refusal says why beside the purpose
        WebElement reason = browser.find("#search-reason");
        reason.clear();
        reason.sendKeys("help ICE locate the driver");
        browser.find("#search-to").clear();
        browser.find("#search-submit").click();
        assertThat(browser.waitForVisible("#purpose-error").getText())
                .contains("may not be searched for immigration enforcement");
        assertThat(browser.find("#search-plate").getDomProperty("value")).isEqualTo("6" + tag + "100");

        // a click on the area map sets the centre and a default radius
        browser.find("#area-map").click();
        assertThat(browser.find("#search-latitude").getDomProperty("value")).isNotEmpty();
        assertThat(browser.find("#search-radiusMeters").getDomProperty("value")).isEqualTo("500");
        browser.screenshot("search-form-refused");
        assertThat(jdbc.sql("SELECT count(*) FROM searches WHERE requested_by = ?")
                        .param(investigator.username())
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    // --- helpers

    private void fillWhy(String caseNumber, String purpose, String reason) {
        browser.waitForVisible("#search-form");
        browser.find("#search-caseNumber").sendKeys(caseNumber);
        new Select(browser.find("#search-purpose")).selectByValue(purpose);
        browser.find("#search-reason").sendKeys(reason);
    }

    /** Submits the form and waits for the search's own page; its id. */
    private String submitAndOpen() {
        WebElement form = browser.find("#search-form");
        browser.find("#search-submit").click();
        browser.waitFor(ExpectedConditions.stalenessOf(form));
        String id = browser.waitForVisible("main[data-search-id]").getDomAttribute("data-search-id");
        return UUID.fromString(id).toString();
    }

    /** Types a date and time into an input[type=datetime-local] as a person does in en-US Chromium. */
    private static void typeDateTime(String css, LocalDateTime at) {
        WebElement input = browser.find(css);
        int hour12 = at.getHour() % 12 == 0 ? 12 : at.getHour() % 12;
        input.sendKeys(
                String.format("%02d%02d%04d", at.getMonthValue(), at.getDayOfMonth(), at.getYear()),
                Keys.TAB,
                String.format("%02d%02d", hour12, at.getMinute()),
                at.getHour() < 12 ? "A" : "P");
        assertThat(input.getDomProperty("value")).as(css).isEqualTo(at.toString());
    }

    /** The instant as the department's clock on the wall says it, to the minute (a datetime-local field's value). */
    private LocalDateTime local(Instant at) {
        return LocalDateTime.ofInstant(at, profile.zone()).truncatedTo(ChronoUnit.MINUTES);
    }

    private List<String> resultPlates() {
        return browser.findAll("#results tbody tr .plate").stream()
                .map(WebElement::getText)
                .toList();
    }

    private List<String> visibleResultPlates() {
        return browser.findAll("#results tbody tr:not([hidden]) .plate").stream()
                .map(WebElement::getText)
                .toList();
    }

    private int auditCount(Member member, String action, String subject) {
        return jdbc.sql("SELECT count(*) FROM audit_events WHERE action = ? AND username = ?"
                        + (subject == null ? "" : " AND subject = ?"))
                .params(
                        subject == null
                                ? List.of(action, member.username())
                                : List.of(action, member.username(), subject))
                .query(Integer.class)
                .single();
    }

    private void upload(String device, List<String> reads) {
        Api.Response r = api.postJson("/api/v1/reads", device, "{\"reads\":[" + String.join(",", reads) + "]}");
        assertThat(r.status()).as(r.body()).isIn(200, 201);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 6);
    }

    private static byte[] jpeg() {
        BufferedImage image = new BufferedImage(64, 32, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpeg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
