package org.platewatch.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.support.Api;
import org.platewatch.server.support.BrowserTestSupport;
import org.platewatch.server.support.Member;
import org.platewatch.server.support.PlatewatchServerTest;
import org.platewatch.server.users.PersonalTokens;
import org.platewatch.server.users.Role;
import org.platewatch.server.users.TrainingRecords;
import org.platewatch.server.users.UserAccount;
import org.platewatch.server.users.UserAccounts;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 7 in a real browser: the administrator's users and training page, the first sign-in's forced
 * password change, and a member's own account page (training warning, personal API tokens).
 */
@PlatewatchServerTest
class UsersPagesBrowserTest extends BrowserTestSupport {

    @Autowired
    java.time.Clock clock;

    private Member admin;

    @Autowired
    UserAccounts accounts;

    @Autowired
    TrainingRecords training;

    @Autowired
    PersonalTokens tokens;

    @Test
    void anAdministratorCreatesAnAccountThenRecordsTrainingAndChangesTheRole() {
        // someone whose training lapses within 30 days is listed at the top
        LocalDate today = training.today();
        String lapsing = "lapsing-" + suffix();
        accounts.create(
                new UserAccounts.NewUser(lapsing, "Lee Lapsing", Role.OFFICER, false, today.minusDays(350)),
                "a long enough password",
                Actor.SYSTEM);

        admin = Member.create(accounts, Role.ADMINISTRATOR, Member.trainedOn(), clock);
        browser.signIn(admin);
        browser.go("/users");
        assertThat(browser.find("#lapsing-list li[data-user='" + lapsing + "']").getText())
                .contains("Lee Lapsing");
        assertThat(browser.find("#accounts-table tr[data-user='" + lapsing + "'] .training-cell")
                        .getText())
                .contains(today.minusDays(350).plusYears(1).toString());

        // a bad user name: the error is next to the field, what was typed stays, nothing is created
        browser.find("#new-username").sendKeys("Not Valid");
        browser.find("#new-fullName").sendKeys("Nora Newcomer");
        confirm("create");
        submit("#create-form button[type=submit]");
        assertThat(browser.waitForVisible("#username-error").getText()).contains("lower-case letters");
        assertThat(browser.find("#new-username").getDomAttribute("aria-invalid"))
                .isEqualTo("true");
        assertThat(browser.find("#new-fullName").getDomProperty("value")).isEqualTo("Nora Newcomer");
        browser.screenshot("users-create-errors");

        String username = "nora-" + suffix();
        browser.find("#new-username").clear();
        browser.find("#new-username").sendKeys(username);
        new org.openqa.selenium.support.ui.Select(browser.find("#new-role")).selectByValue("INVESTIGATOR");
        browser.find("#new-clets").click();
        // without the administrator's password and a fresh code nothing is created
        submit("#create-form button[type=submit]");
        assertThat(browser.waitForVisible("#create-currentPassword-error").getText())
                .contains("not right");
        assertThat(accounts.findByUsername(username)).isEmpty();
        confirm("create");
        submit("#create-form button[type=submit]");
        String password = browser.waitForVisible("#created-password").getText();
        assertThat(password).hasSize(16);
        assertThat(browser.findAll("#created-otpauth"))
                .as("the member enrols their own second factor")
                .isEmpty();
        assertThat(browser.driver().getPageSource()).doesNotContain("otpauth://");
        UserAccount created = accounts.findByUsername(username).orElseThrow();
        assertThat(created.role()).isEqualTo(Role.INVESTIGATOR);
        assertThat(created.cletsAuthorised()).isTrue();
        assertThat(created.trainedOn()).isNull();
        assertThat(accounts.mustChangePassword(username)).isTrue();
        assertThat(browser.find("#accounts-table tr[data-user='" + username + "'] .training-cell")
                        .getText())
                .contains("no training");
        browser.screenshot("users-created");
        // shown once: the list never shows it again
        browser.go("/users");
        assertThat(browser.driver().getPageSource()).doesNotContain(password);
        browser.screenshot("users");

        // training: a future date is refused next to its field; then recorded
        submit("#accounts-table tr[data-user='" + username + "'] a");
        browser.waitForVisible("#training-form");
        setDate("#completedOn", today.plusDays(2));
        browser.find("#course").sendKeys("POST ALPR operator course");
        browser.find("#trainer").sendKeys("Sgt. Rivera");
        confirm("training");
        submit("#training-form button[type=submit]");
        assertThat(browser.waitForVisible("#completedOn-error").getText()).contains("cannot be in the future");
        assertThat(browser.find("#course").getDomProperty("value")).isEqualTo("POST ALPR operator course");
        assertThat(training.of(username)).isEmpty();

        setDate("#completedOn", today.minusDays(3));
        confirm("training");
        submit("#training-form button[type=submit]");
        assertThat(browser.waitForVisible("#done-notice").getText()).contains("recorded");
        assertThat(browser.find("#fact-training").getText())
                .isEqualTo("Covers use through " + today.minusDays(3).plusYears(1));
        assertThat(training.of(username))
                .singleElement()
                .satisfies(t -> assertThat(t.trainer()).isEqualTo("Sgt. Rivera"));

        // role: designee only for an administrator, the error next to the field; then a plain change
        new org.openqa.selenium.support.ui.Select(browser.find("#role")).selectByValue("SUPERVISOR");
        browser.find("#designee").click();
        confirm("role");
        submit("#role-form button[type=submit]");
        assertThat(browser.waitForVisible("#designee-error").getText()).contains("designee");
        new org.openqa.selenium.support.ui.Select(browser.find("#role")).selectByValue("SUPERVISOR");
        if (browser.find("#designee").isSelected()) {
            browser.find("#designee").click();
        }
        confirm("role");
        submit("#role-form button[type=submit]");
        assertThat(browser.waitForVisible("#fact-role").getText()).isEqualTo("Supervisor");

        // CLETS off, disable and enable, a new second factor shown once
        browser.find("#authorised").click();
        confirm("clets");
        submit("#clets-form button[type=submit]");
        assertThat(browser.waitForVisible("#fact-clets").getText()).isEqualTo("Not authorised");
        confirm("access");
        submit("#disable-button");
        assertThat(browser.waitForVisible("#fact-state").getText()).startsWith("Disabled");
        assertThat(accounts.findByUsername(username).orElseThrow().enabled()).isFalse();
        confirm("access");
        submit("#enable-button");
        assertThat(browser.waitForVisible("#fact-state").getText()).startsWith("Active");
        confirm("access");
        submit("#second-factor-button");
        assertThat(browser.waitForVisible("#otpauth-uri").getText()).startsWith("otpauth://totp/");
        browser.screenshot("user-detail");
    }

    @Test
    void aNewMemberMustReplaceTheOneTimePasswordBeforeAnyOtherPage() {
        Member member = Member.createWithOneTimePassword(accounts, Role.OFFICER);
        browser.signIn(member);
        assertThat(browser.driver().getCurrentUrl()).endsWith("/account/password");
        assertThat(browser.find("#first-sign-in-notice").getText()).contains("one-time password");
        browser.go("/alerts");
        assertThat(browser.driver().getCurrentUrl()).as("every page leads back").endsWith("/account/password");
        browser.screenshot("password-first-sign-in");

        browser.find("#currentPassword").sendKeys(member.password());
        browser.find("#newPassword").sendKeys("short");
        browser.find("#confirmPassword").sendKeys("short");
        submit("#password-form button[type=submit]");
        assertThat(browser.waitForVisible("#newPassword-error").getText()).contains("12");

        browser.find("#currentPassword").sendKeys(member.password());
        browser.find("#newPassword").sendKeys("correct horse battery");
        browser.find("#confirmPassword").sendKeys("correct horse battery!");
        submit("#password-form button[type=submit]");
        assertThat(browser.waitForVisible("#confirmPassword-error").getText()).contains("does not match");

        browser.find("#currentPassword").sendKeys("not the password");
        browser.find("#newPassword").sendKeys("correct horse battery");
        browser.find("#confirmPassword").sendKeys("correct horse battery");
        submit("#password-form button[type=submit]");
        assertThat(browser.waitForVisible("#currentPassword-error").getText()).isEqualTo("is not right");
        assertThat(accounts.mustChangePassword(member.username())).isTrue();

        // the new member enrols their own second factor here: the secret is shown to them alone, and a
        // wrong code changes nothing
        String secret = browser.find("#enrol-secret").getText();
        assertThat(browser.find("#enrol-otpauth").getText())
                .startsWith("otpauth://totp/")
                .contains(secret);
        browser.find("#currentPassword").sendKeys(member.password());
        browser.find("#newPassword").sendKeys("correct horse battery");
        browser.find("#confirmPassword").sendKeys("correct horse battery");
        browser.find("#code").sendKeys("000000");
        submit("#password-form button[type=submit]");
        assertThat(browser.waitForVisible("#code-error").getText()).contains("authenticator");
        assertThat(accounts.mustChangePassword(member.username())).isTrue();
        assertThat(browser.find("#enrol-secret").getText())
                .as("the same secret until it is proved")
                .isEqualTo(secret);

        browser.find("#currentPassword").sendKeys(member.password());
        browser.find("#newPassword").sendKeys("correct horse battery");
        browser.find("#confirmPassword").sendKeys("correct horse battery");
        browser.find("#code").sendKeys(Member.codesOf(secret).get());
        submit("#password-form button[type=submit]");
        assertThat(browser.waitForVisible("#done-notice").getText()).contains("password is changed");
        assertThat(accounts.findByUsername(member.username()).orElseThrow().secondFactorEnrolled())
                .isTrue();
        assertThat(accounts.mustChangePassword(member.username())).isFalse();
        browser.go("/alerts");
        assertThat(browser.find("nav.menu a[aria-current=page]").getDomAttribute("href"))
                .isEqualTo("/alerts");
    }

    @Test
    void aMemberSeesTheTrainingWarningAndCreatesThenRevokesAPersonalToken() {
        LocalDate trained = training.today().minusYears(1).plusDays(12); // lapses in 12 days
        Member member = Member.create(accounts, Role.INVESTIGATOR, trained);
        browser.signIn(member);
        assertThat(browser.find("#training-notice").getText())
                .contains("through " + trained.plusYears(1))
                .contains("12 days left");
        browser.go("/alerts");
        assertThat(browser.find("#training-notice").isDisplayed())
                .as("on every page")
                .isTrue();

        submit("#my-account");
        assertThat(browser.find("#my-training").getText()).isEqualTo("Covers use through " + trained.plusYears(1));
        browser.find("#token-name").sendKeys("case-export script");
        browser.find("#token-days").sendKeys("4000");
        submit("#token-form button[type=submit]");
        assertThat(browser.waitForVisible("#days-error").getText()).contains("between 1 and 365");
        assertThat(tokens.of(member.username())).isEmpty();
        // a number of days no duration can hold is refused the same way, not with a server error
        browser.find("#token-days").clear();
        browser.find("#token-days").sendKeys("999999999999999");
        submit("#token-form button[type=submit]");
        assertThat(browser.waitForVisible("#days-error").getText()).contains("between 1 and 365");

        // a token needs the holder's password and a fresh code, not just the open session
        browser.find("#token-days").clear();
        browser.find("#token-days").sendKeys("30");
        browser.find("#token-password").sendKeys("not my password");
        browser.find("#token-code").sendKeys("000000");
        submit("#token-form button[type=submit]");
        assertThat(browser.waitForVisible("#token-password-error").getText()).contains("not right");
        assertThat(tokens.of(member.username())).isEmpty();

        browser.find("#token-password").sendKeys(member.password());
        browser.find("#token-code").sendKeys(member.currentCode());
        submit("#token-form button[type=submit]");
        String token = browser.waitForVisible("#issued-token").getText();
        assertThat(token).startsWith("pwu_");
        Api api = new Api(port);
        assertThat(api.get("/api/v1/users/me", token).status()).isEqualTo(200);
        browser.screenshot("account-token");

        browser.go("/account");
        assertThat(browser.driver().getPageSource()).as("shown once").doesNotContain(token);
        UUID id = tokens.of(member.username()).get(0).id();
        WebElement row = browser.find("#tokens-table tr[data-token='" + id + "']");
        assertThat(row.getText()).contains("case-export script");
        submit(row.findElement(By.cssSelector("button.revoke")));
        assertThat(browser.waitForVisible("#done-notice").getText()).contains("revoked");
        assertThat(browser.find("#tokens-table tr[data-token='" + id + "']").getText())
                .contains("revoked");
        assertThat(api.get("/api/v1/users/me", token).status()).isEqualTo(401);
        browser.screenshot("account");

        // the car laptop, dark
        browser.find("#theme-toggle").click();
        browser.driver().manage().window().setSize(new Dimension(1024, 768));
        browser.go("/account");
        browser.screenshot("account-dark-1024");
    }

    /** Submits a form that loads a new page, and waits until the new page replaced the old one. */
    /** Types the administrator's password and a fresh code into the form's confirmation fields. */
    private void confirm(String prefix) {
        browser.find("#" + prefix + "-currentPassword").sendKeys(admin.password());
        browser.find("#" + prefix + "-code").sendKeys(admin.currentCode());
    }

    private void submit(String buttonCss) {
        submit(browser.find(buttonCss));
    }

    private void submit(WebElement button) {
        WebElement page = browser.find("html");
        button.click();
        browser.waitFor(ExpectedConditions.stalenessOf(page));
    }

    private void setDate(String css, LocalDate date) {
        browser.script("document.querySelector(arguments[0]).value = arguments[1]", css, date.toString());
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 6);
    }
}
