package org.platewatch.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
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
 * The hot lists page in a real browser: an officer enters a BOLO, the administrator approves it on the page and
 * a posted read then raises an alert on it; the administrator designates a list (the stale banner appears on every
 * page), imports a file with its report, and sees a bad file rejected with its line next to the file field.
 */
@PlatewatchServerTest
class HotlistPageBrowserTest extends BrowserTestSupport {

    @Autowired
    UserAccounts accounts;

    @Autowired
    PersonalTokens tokens;

    @Autowired
    DeviceRegistry devices;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anOfficersCustomEntryApprovedByTheAdministratorMatchesAPostedRead() {
        String plate = "6BOL" + (100 + (int) (Math.random() * 900));
        Member officer = Member.create(accounts, Role.OFFICER);
        browser.signIn(officer);
        browser.go("/hotlists");
        assertThat(browser.find("[data-nav=hotlists] a").getDomAttribute("aria-current"))
                .isEqualTo("page");
        assertThat(browser.findAll("#import-form"))
                .as("officers import nothing")
                .isEmpty();
        assertThat(browser.findAll("#pending-entries")).isEmpty();

        // every error comes back from the API next to its field; nothing is saved
        browser.find("#bolo-plate").sendKeys(plate);
        browser.find("#bolo-case").sendKeys("26-7781");
        browser.find("#bolo-synopsis").sendKeys("Armed robbery suspect vehicle, Broadway and 14th");
        browser.find("#bolo-form button[type=submit]").click();
        assertThat(browser.waitForVisible("#state-error").getText()).contains("required with a full plate");
        assertThat(browser.find("#bolo-state").getDomAttribute("aria-invalid")).isEqualTo("true");
        browser.find("#bolo-state").sendKeys("CA");
        browser.find("#bolo-form button[type=submit]").click();
        WebElement expiryError = browser.waitForVisible("#expiresAt-error");
        assertThat(expiryError.getText()).contains("required");
        assertThat(browser.find("#state-error").isDisplayed()).isFalse();
        typeDate("#bolo-expires", LocalDate.now(ZoneOffset.UTC).plusDays(30));
        browser.find("#bolo-make").sendKeys("Dodge");
        browser.find("#bolo-model").sendKeys("Charger");
        browser.find("#bolo-color").sendKeys("Black");
        browser.screenshot("hotlists-officer-form");
        browser.find("#bolo-form button[type=submit]").click();
        WebElement entered = browser.waitForVisible("#bolo-form .form-result");
        assertThat(entered.getText()).contains("pending", "approves");
        long entryId = Long.parseLong(entered.getDomAttribute("data-entry-id"));
        assertThat(jdbc.sql("SELECT status FROM hotlist_entries WHERE id = ?")
                        .param(entryId)
                        .query(String.class)
                        .single())
                .isEqualTo("PENDING");
        assertThat(browser.driver().getCurrentUrl()).doesNotContain(plate);
        browser.signOut();

        Member admin = Member.create(accounts, Role.ADMINISTRATOR);
        browser.signIn(admin);
        browser.go("/hotlists");
        WebElement row = browser.waitForVisible("#pending-entries tr[data-entry-id='" + entryId + "']");
        assertThat(row.getText()).contains(plate, "CA", "26-7781", "Black Dodge Charger", officer.username());
        browser.script("document.getElementById('pending-heading').scrollIntoView()");
        browser.screenshot("hotlists-admin");
        row.findElement(By.cssSelector("button.decide[data-approve=true]")).click();
        browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#pending-entries tr[data-entry-id='" + entryId + "'] .decision"), "Approved (active)"));

        // the entry matches: a camera's read raises an alert on the administrator's live panel
        browser.go("/alerts");
        browser.waitFor(ExpectedConditions.attributeToBe(By.id("stream-status"), "data-state", "live"));
        String camera = devices.register(
                        new DeviceRegistration(
                                "cam-bolo-" + UUID.randomUUID().toString().substring(0, 6),
                                DeviceKind.FIXED,
                                37.80,
                                -122.27,
                                0.0),
                        Actor.SYSTEM)
                .token();
        UUID readId = UUID.randomUUID();
        Api.Response posted = new Api(port)
                .postJson(
                        "/api/v1/reads",
                        camera,
                        "{\"reads\":[{\"readId\":\"" + readId
                                + "\",\"plate\":\"" + plate
                                + "\",\"state\":\"CA\",\"confidence\":0.91,\"capturedAt\":\""
                                + Instant.now().minusSeconds(1) + "\"}]}");
        assertThat(posted.status()).as(posted.body()).isEqualTo(200);
        WebElement card = browser.waitFor(
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#alert-list li[data-match-kind=EXACT]")));
        assertThat(card.getText()).contains(plate, "Department BOLO");
        assertThat(jdbc.sql("SELECT entry_id FROM alerts WHERE read_id = ?")
                        .param(readId)
                        .query(Long.class)
                        .single())
                .isEqualTo(entryId);
    }

    @Test
    void theAdministratorDesignatesAListSeesItStaleThenImportsAFileWithItsReport() throws IOException {
        Member admin = Member.create(accounts, Role.ADMINISTRATOR);
        browser.signIn(admin);
        browser.go("/hotlists");
        String code = "bolo-" + UUID.randomUUID().toString().substring(0, 6);
        browser.find("#designate-code").sendKeys(code);
        confirm(admin, "designation");
        browser.find("#designate-form button[type=submit]").click();
        assertThat(browser.waitForVisible("#name-error").getText()).contains("required");
        browser.find("#designate-name").sendKeys("County BOLO " + code);
        new Select(browser.find("#designate-format")).selectByValue("CSV");
        new Select(browser.find("#designate-source")).selectByIndex(1);
        confirm(admin, "designation");
        browser.find("#designate-form button[type=submit]").click();
        WebElement listRow = browser.waitForVisible("#hotlist-table tr[data-hotlist='" + code + "']");
        assertThat(listRow.getText()).contains("never loaded", "Stale");

        // a designated list that never loaded is stale: the banner shows on every page of a member who acts on alerts
        assertThat(browser.find("#stale-hotlists").getText()).contains("Hot list out of date", code);
        browser.go("/");
        assertThat(browser.waitForVisible("#stale-hotlists").getText()).contains(code);
        browser.go("/hotlists");

        // a bad file: rejected whole, the line named next to the file field
        Path bad = Files.createTempFile("bolo-bad", ".csv");
        Files.writeString(
                bad,
                "plate,state,listType,reason\n7BAD001,CA,Stolen,Stolen vehicle\n8BAD002,ZZ,Stolen,x\n",
                StandardCharsets.UTF_8);
        new Select(browser.find("#import-list")).selectByVisibleText("County BOLO " + code + " (" + code + ", CSV)");
        browser.find("#import-file").sendKeys(bad.toAbsolutePath().toString());
        confirm(admin, "import");
        browser.find("#import-form button[type=submit]").click();
        WebElement fileError = browser.waitForVisible("#file-error");
        // the line and the fault, never the field's content, which every member could read
        assertThat(fileError.getText())
                .contains("line 3", "state", "rejected whole")
                .doesNotContain("ZZ");

        // a good file with one immigration record: the report counts it as dropped
        Path good = Files.createTempFile("bolo-good", ".csv");
        Files.writeString(
                good,
                "plate,state,listType,reason\n7GUD001,CA,Stolen,Stolen vehicle\n"
                        + "7GUD002,CA,Immigration Violator File,IVF record\n7GUD003,NV,Wanted,Wanted person\n",
                StandardCharsets.UTF_8);
        browser.find("#import-file").sendKeys(good.toAbsolutePath().toString());
        confirm(admin, "import");
        browser.find("#import-form button[type=submit]").click();
        WebElement report = browser.waitForVisible("#import-report");
        assertThat(browser.find("#report-records").getText()).isEqualTo("3");
        assertThat(browser.find("#report-loaded").getText()).isEqualTo("2");
        assertThat(browser.find("#report-dropped").getText()).isEqualTo("1");
        assertThat(browser.find("#file-error").isDisplayed()).isFalse();
        browser.screenshot("hotlists-import");
        assertThat(report.isDisplayed()).isTrue();
        assertThat(browser.find("#hotlist-table tr[data-hotlist='" + code + "'] .list-status")
                        .getText())
                .contains("Imported just now");

        browser.go("/hotlists");
        listRow = browser.waitForVisible("#hotlist-table tr[data-hotlist='" + code + "']");
        assertThat(listRow.getText()).contains("Current", "2 of 3 loaded, 1 immigration records dropped");
        assertThat(browser.findAll("#stale-hotlists"))
                .as("no list is stale now")
                .isEmpty();
        browser.driver().manage().window().setSize(new Dimension(1024, 768));
        browser.find("#theme-toggle").click();
        browser.go("/hotlists");
        Long scrollWidth = (Long) browser.script("return document.documentElement.scrollWidth;");
        Long clientWidth = (Long) browser.script("return document.documentElement.clientWidth;");
        assertThat(scrollWidth).as("no sideways scrolling at 1024 wide").isLessThanOrEqualTo(clientWidth);
        browser.screenshot("hotlists-1024-dark");
    }

    @Test
    void aSupervisorApprovesAProposedChangeOnThePage() {
        Api api = new Api(port);
        String officer = HotlistFixtures.member(accounts, tokens, Role.OFFICER, true, Member.trainedOn());
        String admin = HotlistFixtures.member(accounts, tokens, Role.ADMINISTRATOR, false, Member.trainedOn());
        Api.Response created = api.postJson(
                "/api/v1/hotlists/custom/entries",
                officer,
                "{\"plate\":\"4CHG*\","
                        + "\"caseNumber\":\"26-9001\",\"synopsis\":\"Hit and run, partial plate from a witness\","
                        + "\"expiresAt\":\"" + LocalDate.now(ZoneOffset.UTC).plusDays(10) + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        assertThat(api.postJson("/api/v1/hotlists/custom/entries/" + id + "/approval", admin, "{\"approve\":true}")
                        .status())
                .isEqualTo(200);
        Api.Response proposed = api.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                "http://localhost:" + port + "/api/v1/hotlists/custom/entries/" + id))
                        .header("Content-Type", "application/json")
                        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(
                                "{\"vehicle\":{\"make\":\"Nissan\",\"model\":\"Altima\",\"color\":\"Blue\"}}")),
                officer);
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(200);

        browser.signIn(Member.create(accounts, Role.SUPERVISOR));
        browser.go("/hotlists");
        assertThat(browser.findAll("#import-form"))
                .as("supervisors import nothing")
                .isEmpty();
        WebElement row = browser.waitForVisible("#pending-changes tr[data-entry-id='" + id + "']");
        assertThat(row.getText())
                .contains("4CHG*", "26-9001", "vehicle: Blue Nissan Altima")
                .doesNotContain("null");
        row.findElement(By.cssSelector("button.decide[data-approve=true]")).click();
        browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#pending-changes tr[data-entry-id='" + id + "'] .decision"), "Approved"));
        assertThat(jdbc.sql("SELECT vehicle_make FROM hotlist_entries WHERE id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo("Nissan");
        browser.screenshot("hotlists-supervisor");
    }

    /** Types a date into an input[type=date] in the browser's en-US order. */
    private static void typeDate(String css, LocalDate date) {
        browser.find(css)
                .sendKeys(String.format("%02d%02d%04d", date.getMonthValue(), date.getDayOfMonth(), date.getYear()));
    }

    /** Types the administrator's password and a fresh code into the form's confirmation fields. */
    private void confirm(Member admin, String prefix) {
        WebElement password = browser.find("#" + prefix + "-currentPassword");
        password.clear();
        password.sendKeys(admin.password());
        WebElement code = browser.find("#" + prefix + "-code");
        code.clear();
        code.sendKeys(admin.currentCode());
    }
}
