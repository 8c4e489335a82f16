package org.platewatch.server.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.platewatch.server.hotlist.HotlistFixtures;
import org.platewatch.server.ingest.DeviceKind;
import org.platewatch.server.ingest.DeviceRegistration;
import org.platewatch.server.ingest.DeviceRegistry;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.policy.DepartmentProfile;
import org.platewatch.server.support.AdminSession;
import org.platewatch.server.support.Api;
import org.platewatch.server.support.BrowserTestSupport;
import org.platewatch.server.support.Member;
import org.platewatch.server.support.PlatewatchServerTest;
import org.platewatch.server.users.PersonalTokens;
import org.platewatch.server.users.Role;
import org.platewatch.server.users.UserAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The live alerts page in a real browser, on the real alert API: a hot list imported through the API, reads
 * posted by a camera with its device token, alerts pushed to the officer's open page by the SSE stream, and an
 * alert worked from ALERT to CLEARED through the page's forms.
 */
@PlatewatchServerTest
class AlertsPageBrowserTest extends BrowserTestSupport {

    @Autowired
    UserAccounts accounts;

    @Autowired
    PersonalTokens tokens;

    @Autowired
    DeviceRegistry devices;

    @Autowired
    DepartmentProfile profile;

    @Autowired
    Clock clock;

    @Autowired
    JdbcClient jdbc;

    Api api;
    String camera;
    String suffix;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        suffix = UUID.randomUUID().toString().substring(0, 6);
        camera = devices.register(
                        new DeviceRegistration("cam-broadway-" + suffix, DeviceKind.FIXED, 37.80, -122.27, 90.0),
                        Actor.SYSTEM)
                .token();
    }

    @Test
    void aPostedReadAppearsOnTheOfficersPanelByItselfAndNearMatchesAreLabelledAsSuch() {
        hotlist("7ABC" + digits(3), "CA", "8XYZ" + digits(3), "CA", "5BOQ" + digits(3), "CA");
        String exact = plates.get(0);
        String wrongState = plates.get(1);
        String confusable = plates.get(2).replace("5BOQ", "5B0Q");

        browser.signIn(Member.create(accounts, Role.OFFICER));
        browser.go("/alerts");
        browser.waitFor(ExpectedConditions.attributeToBe(By.id("stream-status"), "data-state", "live"));
        browser.waitFor(d -> browser.find("#alerts-loading").getDomAttribute("hidden") != null);
        int before = browser.findAll("#alert-list li").size(); // alerts of the class's other tests, if they ran first

        postRead(exact, "CA", "Honda");
        List<String> hit = snapshot(exact);
        assertThat(hit.get(0)).contains(exact, "Hot-list hit: plate and state agree");
        assertThat(hit.get(1)).contains("tone-hit", "fresh");
        assertThat(browser.find("main").getDomAttribute("data-beeps")).isEqualTo("1");

        postRead(wrongState, "NV", "Ford");
        List<String> wrong = snapshot(wrongState);
        assertThat(wrong.get(0)).contains("WRONG STATE").doesNotContain("Hot-list hit");
        assertThat(wrong.get(1)).contains("tone-caution").doesNotContain("tone-hit");
        assertThat(wrong.get(2)).isEqualTo("STATE_MISMATCH");

        postRead(confusable, "CA", "Toyota");
        List<String> similar = snapshot(confusable);
        assertThat(similar.get(0)).contains("CONFUSABLE CHARACTERS").doesNotContain("Hot-list hit");
        assertThat(similar.get(1)).contains("tone-caution");
        assertThat(browser.findAll("#alert-list li")).hasSize(before + 3);
        assertThat(browser.find("main").getDomAttribute("data-beeps")).isEqualTo("3");

        // a wrong-state alert opened: labelled above the comparison, and the state row says it differs
        open(wrongState);
        browser.waitForVisible("#alert-detail");
        assertThat(browser.waitForVisible("#detail-caution").getText()).contains("Not a plain hit", "WRONG STATE");
        assertThat(checkResult("State")).contains("differs");
        browser.screenshot("alerts-live");
    }

    @Test
    void aVehicleDescriptionMatchIsAmberAndSaysTheEntryHasNoPlate() {
        String admin = HotlistFixtures.member(accounts, tokens, Role.ADMINISTRATOR, false, Member.trainedOn());
        String officer = HotlistFixtures.member(accounts, tokens, Role.OFFICER, true, Member.trainedOn());
        // No other test of this class posts a Studebaker: the entry adds no alerts to theirs.
        Api.Response created = api.postJson(
                "/api/v1/hotlists/custom/entries",
                officer,
                "{\"vehicle\":{\"make\":\"Studebaker\",\"model\":\"Civic\"},\"caseNumber\":\"26-0303\","
                        + "\"synopsis\":\"Kidnapping suspect vehicle, plate not seen\",\"expiresAt\":\""
                        + clock.instant().plus(Duration.ofDays(2)) + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Api.Response approved = api.postJson(
                "/api/v1/hotlists/custom/entries/" + created.json().get("id").asLong() + "/approval",
                admin,
                "{\"approve\":true}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);

        browser.signIn(Member.create(accounts, Role.OFFICER));
        browser.go("/alerts");
        browser.waitFor(ExpectedConditions.attributeToBe(By.id("stream-status"), "data-state", "live"));
        browser.waitFor(d -> browser.find("#alerts-loading").getDomAttribute("hidden") != null);

        String plate = "4VB" + digits(4);
        postRead(plate, "CA", "Studebaker");
        List<String> card = snapshot(plate);
        assertThat(card.get(0)).contains("VEHICLE DESCRIPTION ONLY").doesNotContain("Hot-list hit");
        assertThat(card.get(1)).contains("tone-caution").doesNotContain("tone-hit");
        assertThat(card.get(2)).isEqualTo("VEHICLE");

        open(plate);
        browser.waitForVisible("#alert-detail");
        assertThat(browser.waitForVisible("#detail-caution").getText())
                .contains("Not a plain hit", "VEHICLE DESCRIPTION ONLY");
        assertThat(browser.find("#detail-entry-plate").getText()).contains("vehicle description only");
    }

    @Test
    void anOfficerWorksARealAlertFromAlertThroughQueryAndConfirmationToCleared() {
        hotlist("6TRK" + digits(3), "CA");
        String plate = plates.get(0);
        browser.signIn(Member.create(accounts, Role.OFFICER)); // Member.create gives officers CLETS
        browser.go("/alerts");
        browser.waitFor(ExpectedConditions.attributeToBe(By.id("stream-status"), "data-state", "live"));
        UUID readId = postRead(plate, "CA", "Honda");
        long alertId = jdbc.sql("SELECT id FROM alerts WHERE read_id = ?")
                .param(readId)
                .query(Long.class)
                .single();

        open(plate);
        WebElement detail = browser.waitForVisible("#alert-detail");
        assertThat(detail.getDomAttribute("data-alert-id")).isEqualTo(String.valueOf(alertId));
        assertThat(browser.find("#detail-read-plate").getText()).isEqualTo(plate);
        assertThat(browser.find("#detail-entry-plate").getText()).isEqualTo(plate);
        assertThat(browser.find("#detail-caution").isDisplayed()).isFalse();
        // the read's image, through the audited image endpoint, beside the entry
        browser.waitFor(
                d -> (Boolean)
                        browser.script(
                                "var i = document.getElementById('detail-image'); return !i.hidden && i.complete && i.naturalWidth > 0;"));
        assertThat(checkResult("State")).contains("matches");
        assertThat(checkResult("Make")).contains("not known"); // a DOJ entry names no make

        // only what the API allows: from ALERT, verify (TENTATIVE), misread or clear; no query or confirmation yet
        assertThat(browser.find("#form-verify").isDisplayed()).isTrue();
        assertThat(browser.find("#form-clear").isDisplayed()).isTrue();
        assertThat(browser.find("#form-query").isDisplayed()).isFalse();
        assertThat(browser.find("#form-confirm").isDisplayed()).isFalse();
        WebElement tentative = browser.find("#form-verify button[type=submit]");
        assertThat(tentative.isEnabled()).isFalse();
        for (WebElement box : browser.findAll("#form-verify input[type=checkbox]")) {
            box.click();
        }
        assertThat(tentative.isEnabled()).isTrue();
        browser.screenshot("alerts-detail");
        tentative.click();
        browser.waitForVisible("#form-query");
        assertThat(browser.find("#detail-state").getText()).contains("Tentative");
        assertThat(browser.find("#form-verify").isDisplayed()).isFalse();

        // the API's field error appears next to its field
        browser.find("#form-query button[type=submit]").click();
        WebElement error = browser.waitForVisible("#form-query [data-error-for=result]");
        assertThat(error.getText()).contains("required");
        assertThat(browser.find("#query-result").getDomAttribute("aria-invalid"))
                .isEqualTo("true");

        new Select(browser.find("#query-system")).selectByValue("CLETS");
        browser.find("#query-result").sendKeys("Stolen vehicle, entered by OPD");
        browser.find("#form-query button[type=submit]").click();
        browser.waitForVisible("#form-confirm");
        assertThat(browser.find("#detail-state").getText()).contains("Queried");
        assertThat(browser.waitForVisible("#detail-query-record").getText())
                .contains("CLETS", "Stolen vehicle, entered by OPD");
        assertThat(browser.find("#form-confirm button[data-to=NOT_CONFIRMED]").isDisplayed())
                .isTrue();

        browser.find("#confirmed-by").sendKeys("Dispatcher Ruiz, OPD");
        new Select(browser.find("#confirmation-method")).selectByValue("TELETYPE");
        browser.find("#form-confirm button[type=submit]").click();
        browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("detail-state"), "Confirmed"));
        assertThat(browser.find("#form-confirm").isDisplayed()).isFalse();

        new Select(browser.find("#outcome")).selectByValue("RECOVERED_VEHICLE");
        browser.find("#incident-number").sendKeys("26-004512");
        browser.find("#form-clear button[type=submit]").click();
        browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("detail-state"), "Cleared"));
        assertThat(browser.findAll("#detail-history li")).hasSize(5);
        assertThat(browser.waitForVisible("#detail-outcome-record").getText())
                .contains("recovered vehicle", "26-004512");
        for (String form : List.of("#form-verify", "#form-query", "#form-confirm", "#form-clear")) {
            assertThat(browser.find(form).isDisplayed()).as(form).isFalse();
        }
        assertThat(jdbc.sql("SELECT state FROM alerts WHERE id = ?")
                        .param(alertId)
                        .query(String.class)
                        .single())
                .isEqualTo("CLEARED");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_events WHERE action = 'alert.transition' AND subject = ?")
                        .param("alert:" + alertId)
                        .query(Long.class)
                        .single())
                .isEqualTo(4);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_events WHERE action = 'image.viewed' AND subject = ?")
                        .param("read:" + readId)
                        .query(Long.class)
                        .single())
                .isPositive();
        browser.screenshot("alerts-cleared");
    }

    @Test
    void theAlertsPageFitsACarLaptopAtNight() {
        hotlist("4GHK" + digits(3), "CA", "3DEF" + digits(3), "CA");
        browser.signIn(Member.create(accounts, Role.OFFICER));
        browser.driver().manage().window().setSize(new Dimension(1024, 768));
        browser.find("#theme-toggle").click();
        browser.go("/alerts");
        browser.waitFor(ExpectedConditions.attributeToBe(By.id("stream-status"), "data-state", "live"));
        postRead(plates.get(0), "CA", "Honda");
        postRead(plates.get(1), "AZ", "Ford");
        snapshot(plates.get(1));
        open(plates.get(0));
        browser.waitForVisible("#alert-detail");
        browser.waitFor(
                d -> (Boolean)
                        browser.script(
                                "var i = document.getElementById('detail-image'); return !i.hidden && i.complete && i.naturalWidth > 0;"));
        Long scrollWidth = (Long) browser.script("return document.documentElement.scrollWidth;");
        Long clientWidth = (Long) browser.script("return document.documentElement.clientWidth;");
        assertThat(scrollWidth).as("no sideways scrolling at 1024 wide").isLessThanOrEqualTo(clientWidth);
        browser.screenshot("alerts-1024-dark");
    }

    // ---- fixtures ----

    private final List<String> plates = new ArrayList<>();

    /** Designates a CA DOJ list for this test and imports the plate/state pairs through the API. */
    private void hotlist(String... plateStatePairs) {
        long id = HotlistFixtures.designate(api, lists(), "svs-" + suffix, "CA_DOJ_SVS", "CA_DOJ", null);
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < plateStatePairs.length; i += 2) {
            rows.add(new String[] {plateStatePairs[i], plateStatePairs[i + 1]});
            plates.add(plateStatePairs[i]);
        }
        Api.Response r = HotlistFixtures.upload(
                api,
                port,
                "/api/v1/hotlists/" + id + "/imports",
                lists(),
                "svs.tbl",
                HotlistFixtures.dojFile(clock, profile.zone(), rows));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    /** The camera posts one read with its device token, then its image. */
    private UUID postRead(String plate, String state, String make) {
        UUID id = UUID.randomUUID();
        String json = "{\"reads\":[{\"readId\":\"" + id + "\",\"plate\":\"" + plate + "\",\"state\":\"" + state
                + "\",\"confidence\":0.93,\"capturedAt\":\"" + Instant.now().minusSeconds(2) + "\",\"latitude\":37.8,"
                + "\"longitude\":-122.27,\"vehicle\":{\"make\":\"" + make
                + "\",\"model\":\"Civic\",\"color\":\"Silver\","
                + "\"type\":\"sedan\"}}]}";
        Api.Response r = api.postJson("/api/v1/reads", camera, json);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        Api.Response image = api.putBytes("/api/v1/reads/" + id + "/image", camera, "image/jpeg", photo(plate));
        assertThat(image.status()).as(image.body()).isBetween(200, 204);
        return id;
    }

    /** A drawn car with the plate on it, as a JPEG, so the page has a real picture to show. */
    static byte[] photo(String plate) {
        BufferedImage img = new BufferedImage(480, 270, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(70, 80, 90));
        g.fillRect(0, 0, 480, 270);
        g.setColor(new Color(200, 200, 205));
        g.fillRoundRect(60, 40, 360, 150, 30, 30);
        g.setColor(Color.WHITE);
        g.fillRect(140, 140, 200, 50);
        g.setColor(new Color(20, 40, 120));
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 34));
        g.drawString(plate, 150, 178);
        g.dispose();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "jpeg", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String digits(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append((int) (Math.random() * 10));
        }
        return s.toString();
    }

    private static final String FIND_CARD = "for (const li of document.querySelectorAll('#alert-list li')) {"
            + " if (li.querySelector('.plate').textContent === arguments[0]) {";

    /** The card's text, class and match kind, read in one go (the list may re-render between two reads). */
    @SuppressWarnings("unchecked")
    private List<String> snapshot(String plate) {
        return browser.waitFor(d -> (List<String>) browser.script(
                FIND_CARD
                        + " return [li.innerText, li.className, li.getAttribute('data-match-kind')]; } } return null;",
                plate));
    }

    /** Opens the alert of the plate: finds and clicks its card in one script. */
    private void open(String plate) {
        browser.waitFor(d -> (Boolean) browser.script(
                FIND_CARD + " li.querySelector('button').click(); return true; } } return false;", plate));
    }

    /** The comparison's result for one check, read in one script (opening an alert re-renders the panel). */
    private String checkResult(String check) {
        return browser.waitFor(d -> (String) browser.script("""
                for (const row of document.querySelectorAll('#detail-checks tbody tr')) {
                  const th = row.querySelector('th');
                  if (th && th.innerText.trim() === arguments[0]) {
                    const cells = row.querySelectorAll('td');
                    return cells.length > 2 ? cells[2].innerText : null;
                  }
                }
                return null;""", check));
    }

    private AdminSession listAdmin;

    /** The administrator who designates and fills lists: at a console session, re-authenticated per write. */
    private AdminSession lists() {
        if (listAdmin == null) {
            listAdmin = AdminSession.signIn(port, accounts, tokens, clock);
        }
        return listAdmin;
    }
}
