package org.platewatch.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.annotation.PreDestroy;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.platewatch.server.support.Browser;
import org.platewatch.server.support.Member;
import org.platewatch.server.support.PlatewatchServerTest;
import org.platewatch.server.users.Role;
import org.platewatch.server.users.UserAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The live alerts page in a real browser. Until the alert API lands, the page is pointed (by its setting
 * {@code platewatch.console.alerts-api}) at {@link AlertApiFixture}, a stand-in that speaks the agreed contract
 * under /api/v1 on the same security chain: session cookie, CSRF header on POST, problem+json refusals.
 * When the alert branch lands, drop the property and the fixture and raise alerts through a hot list and a read.
 */
@PlatewatchServerTest
@TestPropertySource(properties = "platewatch.console.alerts-api=" + AlertsPageBrowserTest.FIXTURE)
@Import(AlertsPageBrowserTest.AlertApiFixture.class)
class AlertsPageBrowserTest {

    static final String FIXTURE = "/api/v1/test-fixture/alerts";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static Browser browser;

    @LocalServerPort
    int port;
    @Autowired
    UserAccounts accounts;
    @Autowired
    AlertApiFixture api;

    @BeforeEach
    void openBrowser() {
        if (browser == null) {
            browser = Browser.open(port);
        }
        browser.reset();
        api.clear();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    @Test
    void pushedAlertsAppearByThemselvesAndNearMatchesAreLabelledAsSuch() {
        api.add(alert("a-1", "EXACT", "7ABC123", "CA", "CA", "Honda", "Honda"));
        browser.signIn(Member.create(accounts, Role.OFFICER));
        browser.go("/alerts");
        browser.waitFor(ExpectedConditions.attributeToBe(By.id("stream-status"), "data-state", "live"));
        assertThat(browser.findAll("#alert-list li")).hasSize(1);
        assertThat(card("a-1").getText()).contains("7ABC123", "Hit: plate and state match");

        api.push(alert("a-2", "STATE_MISMATCH", "8XYZ999", "NV", "CA", "Ford", "Ford"));
        WebElement pushed = browser.waitFor(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#alert-list li[data-alert-id='a-2']")));
        assertThat(pushed.getText()).contains("Wrong state").doesNotContain("Hit:");
        assertThat(pushed.getDomAttribute("class")).contains("tone-caution", "fresh");
        assertThat(browser.find("main").getDomAttribute("data-beeps")).isEqualTo("1");

        api.push(alert("a-3", "CONFUSABLE", "5B0Q123", "CA", "CA", "Toyota", "Toyota"));
        browser.waitFor(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#alert-list li[data-alert-id='a-3']")));
        assertThat(card("a-3").getText()).contains("Confusable characters").doesNotContain("Hit:");
        assertThat(browser.findAll("#alert-list li")).hasSize(3);
        browser.screenshot("alerts-live");
    }

    @Test
    void anOfficerWorksAnAlertFromVerificationToOutcome() {
        api.add(alert("a-9", "EXACT", "7ABC123", "CA", "CA", "Honda", "Toyota"));
        browser.signIn(Member.create(accounts, Role.OFFICER));
        browser.go("/alerts");
        card("a-9").findElement(By.cssSelector("button")).click();

        WebElement detail = browser.waitForVisible("#alert-detail");
        assertThat(detail.getDomAttribute("data-alert-id")).isEqualTo("a-9");
        assertThat(browser.find("#detail-read-plate").getText()).isEqualTo("7ABC123");
        assertThat(browser.find("#detail-entry-list").getText()).isEqualTo("Stolen vehicles (SVS)");
        browser.waitFor(d -> (Boolean) browser.script(
                "var i = document.getElementById('detail-image'); return i.complete && i.naturalWidth > 0;"));
        assertThat(checkResult("Make")).contains("differs");
        assertThat(checkResult("State")).contains("matches");

        // the checklist: all three boxes before "tentative"
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
        assertThat(api.bodies.get(0).get("charactersVerified").asBoolean()).isTrue();

        // a refusal names its field: the message appears next to it
        browser.find("#form-query button[type=submit]").click();
        WebElement error = browser.waitForVisible("#form-query [data-error-for=querySystem]");
        assertThat(error.getText()).contains("Say which system");
        assertThat(browser.find("#query-system").getDomAttribute("aria-invalid")).isEqualTo("true");

        new Select(browser.find("#query-system")).selectByVisibleText("CLETS");
        browser.find("#query-result").sendKeys("Stolen, entered by OPD 2026-11-01");
        browser.find("#form-query button[type=submit]").click();
        browser.waitForVisible("#form-confirm");
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
        assertThat(api.bodies).extracting(b -> b.get("to").asString())
                .containsExactly("TENTATIVE", "QUERIED", "QUERIED", "CONFIRMED", "CLEARED");
        assertThat(api.bodies.get(4).get("incidentNumber").asString()).isEqualTo("26-004512");
        browser.screenshot("alerts-cleared");
    }

    @Test
    void theAlertsPageFitsACarLaptopAtNight() {
        api.add(alert("n-1", "EXACT", "7ABC123", "CA", "CA", "Honda", "Honda"));
        api.add(alert("n-2", "PARTIAL", "4GH?567", "CA", "CA", null, "Ford"));
        browser.signIn(Member.create(accounts, Role.OFFICER));
        browser.driver().manage().window().setSize(new Dimension(1024, 768));
        browser.find("#theme-toggle").click();
        browser.go("/alerts");
        card("n-1").findElement(By.cssSelector("button")).click();
        browser.waitForVisible("#alert-detail");
        browser.waitFor(d -> (Boolean) browser.script(
                "var i = document.getElementById('detail-image'); return i.complete && i.naturalWidth > 0;"));
        Long scrollWidth = (Long) browser.script("return document.documentElement.scrollWidth;");
        Long clientWidth = (Long) browser.script("return document.documentElement.clientWidth;");
        assertThat(scrollWidth).as("no sideways scrolling at 1024 wide").isLessThanOrEqualTo(clientWidth);
        browser.screenshot("alerts-1024-dark");
    }

    private WebElement card(String id) {
        return browser.waitFor(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#alert-list li[data-alert-id='" + id + "']")));
    }

    private String checkResult(String check) {
        for (WebElement row : browser.findAll("#detail-checks tbody tr")) {
            if (row.findElement(By.cssSelector("th")).getText().equals(check)) {
                return row.findElements(By.cssSelector("td")).get(2).getText();
            }
        }
        throw new AssertionError("no check row " + check);
    }

    static ObjectNode alert(String id, String matchKind, String plate, String readState, String entryState,
            String readMake, String entryMake) {
        String entryPlate = matchKind.equals("CONFUSABLE") ? "5BOQ123" : plate.replace("?", "8");
        String json = """
                {"id": "%s", "state": "ALERT", "raisedAt": "%s", "matchKind": "%s",
                 "read": {"readId": "r-%s", "plate": "%s", "state": "%s", "confidence": 0.93,
                          "capturedAt": "%s", "latitude": 37.80, "longitude": -122.27, "deviceName": "cam-broadway",
                          "imageUrl": "%s/images/%s",
                          "vehicle": {"make": %s, "model": "Civic", "color": "silver", "type": "sedan"}},
                 "entry": {"id": "e-%s", "list": "SVS", "listName": "Stolen vehicles (SVS)", "plate": "%s",
                           "state": "%s", "reason": "Stolen vehicle", "caseNumber": "OPD-26-1182",
                           "vehicle": {"make": "%s", "model": "Civic", "color": "silver", "type": "sedan"}},
                 "checks": {"stateMatches": %s, "makeMatches": %s, "modelMatches": true, "colorMatches": true},
                 "transitions": []}
                """.formatted(id, Instant.now(), matchKind, id, plate, readState, Instant.now(), FIXTURE, id,
                readMake == null ? "null" : "\"" + readMake + "\"", id, entryPlate, entryState, entryMake,
                readState.equals(entryState), readMake == null ? "null" : readMake.equals(entryMake));
        return (ObjectNode) JSON.readTree(json);
    }

    /**
     * A stand-in for the alert API as agreed with the alert branch: list, stream (event "alert"), transitions
     * with 400/409 problem+json naming the field. It checks only what the page must send.
     */
    @RestController
    @RequestMapping(FIXTURE)
    static class AlertApiFixture {

        final Map<String, ObjectNode> alerts = new ConcurrentHashMap<>();
        final List<SseEmitter> emitters = new CopyOnWriteArrayList<>();
        final List<JsonNode> bodies = new CopyOnWriteArrayList<>();

        void clear() {
            alerts.clear();
            bodies.clear();
        }

        void add(ObjectNode alert) {
            alerts.put(alert.get("id").asString(), alert);
        }

        void push(ObjectNode alert) {
            add(alert);
            for (SseEmitter emitter : emitters) {
                try {
                    emitter.send(SseEmitter.event().name("alert").data(JSON.writeValueAsString(alert)));
                } catch (IOException | IllegalStateException e) {
                    emitters.remove(emitter);
                }
            }
        }

        @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
        String list() {
            return JSON.writeValueAsString(new ArrayList<>(alerts.values()));
        }

        @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
        SseEmitter stream() throws IOException {
            SseEmitter emitter = new SseEmitter(0L);
            emitter.onCompletion(() -> emitters.remove(emitter));
            emitters.add(emitter);
            emitter.send(SseEmitter.event().comment("connected"));
            return emitter;
        }

        @PostMapping(path = "/{id}/transitions", produces = MediaType.APPLICATION_JSON_VALUE)
        ResponseEntity<String> transition(@PathVariable String id, @RequestBody String body) {
            JsonNode request = JSON.readTree(body);
            bodies.add(request);
            ObjectNode alert = alerts.get(id);
            String to = request.get("to").asString();
            if (to.equals("QUERIED") && request.path("querySystem").asString("").isBlank()) {
                return ResponseEntity.status(400).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .body("{\"type\":\"urn:platewatch:problem:invalid-field\",\"title\":\"A field of the request"
                                + " is not valid\",\"status\":400,\"detail\":\"Say which system was queried\","
                                + "\"field\":\"querySystem\"}");
            }
            alert.put("state", to);
            ObjectNode details = JSON.createObjectNode();
            request.properties().forEach(e -> {
                if (!e.getKey().equals("to")) {
                    details.set(e.getKey(), e.getValue());
                }
            });
            ((ArrayNode) alert.get("transitions")).addObject().put("to", to).put("by", "officer")
                    .put("at", Instant.now().toString()).set("details", details);
            return ResponseEntity.ok(JSON.writeValueAsString(alert));
        }

        /** The read's image: a drawn plate, so the page has a real picture to show. */
        @GetMapping(path = "/images/{id}", produces = MediaType.IMAGE_PNG_VALUE)
        byte[] image(@PathVariable String id) throws IOException {
            BufferedImage img = new BufferedImage(480, 270, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setColor(new Color(70, 80, 90));
            g.fillRect(0, 0, 480, 270);
            g.setColor(new Color(200, 200, 205));
            g.fillRoundRect(60, 40, 360, 150, 30, 30);
            g.setColor(Color.WHITE);
            g.fillRect(150, 140, 180, 50);
            g.setColor(new Color(20, 40, 120));
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 34));
            ObjectNode alert = alerts.get(id);
            g.drawString(alert == null ? "?" : alert.get("read").get("plate").asString(), 162, 178);
            g.dispose();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        }

        @PreDestroy
        void close() {
            emitters.forEach(SseEmitter::complete);
        }
    }
}
