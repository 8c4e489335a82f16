package org.platewatch.server.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through chromedriver, against the test server. One per test JVM
 * ({@link #shared}): starting and quitting Chromium takes two to four seconds, so every browser test class
 * shares it, pointed at its own server, and {@link #reset()} runs between tests.
 *
 * <p>No Selenium Manager and no download: the binaries are the packages {@code chromium} and
 * {@code chromium-driver} ({@code .ci/run} installs them when missing). Without them the test fails, saying so.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of(System.getProperty("platewatch.chromium", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER =
            Path.of(System.getProperty("platewatch.chromedriver", "/usr/bin/chromedriver"));
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static Browser shared;

    private final ChromeDriver driver;
    private final Path profile;
    private String base;

    private Browser(ChromeDriver driver, Path profile, int port) {
        this.driver = driver;
        this.profile = profile;
        this.base = "http://localhost:" + port;
    }

    /**
     * This JVM's browser, pointed at the server on {@code port}; opened at the first call (and again if
     * Chromium died), quit when the JVM ends. Call {@link #reset()} before using it.
     */
    public static synchronized Browser shared(int port) {
        if (shared == null || !shared.alive()) {
            Browser opened = open(port);
            Runtime.getRuntime().addShutdownHook(new Thread(opened::close));
            shared = opened;
        }
        String server = "http://localhost:" + port;
        if (!server.equals(shared.base)) {
            shared.base = server;
            shared.go("/login"); // off the last class's page (its server is gone), so reset() clears this host
        }
        return shared;
    }

    public static Browser open(int port) {
        for (Path p : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(p)) {
                throw new IllegalStateException(p + " is missing: the console's browser tests need Debian's chromium "
                        + "and chromium-driver. Install them with `apt-get install -y chromium chromium-driver` "
                        + "(.ci/run does this when they are missing).");
            }
        }
        try {
            Path profile = Files.createTempDirectory("platewatch-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments(
                    "--headless=new",
                    "--no-sandbox",
                    "--user-data-dir=" + profile,
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                    "--disable-quic",
                    "--window-size=1280,800",
                    "--disable-dev-shm-usage",
                    "--autoplay-policy=no-user-gesture-required",
                    "--lang=en-US");
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort()
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return new Browser(driver, profile, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean alive() {
        try {
            driver.getWindowHandle();
            return true;
        } catch (WebDriverException e) {
            return false;
        }
    }

    public WebDriver driver() {
        return driver;
    }

    public String url(String path) {
        return base + path;
    }

    public Browser go(String path) {
        driver.get(url(path));
        return this;
    }

    /** Signs in through the form, typing the second-factor code when the member has one, and waits for home. */
    public Browser signIn(Member member) {
        go("/login");
        driver.findElement(By.id("username")).sendKeys(member.username());
        driver.findElement(By.id("password")).sendKeys(member.password());
        String code = member.currentCode();
        if (code != null) {
            driver.findElement(By.id("code")).sendKeys(code);
        }
        driver.findElement(By.cssSelector("#signin-form button[type=submit]")).click();
        waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector("header.topbar")));
        return this;
    }

    public void signOut() {
        driver.findElement(By.cssSelector("form.signout button")).click();
        waitFor(ExpectedConditions.presenceOfElementLocated(By.id("signin-form")));
    }

    /**
     * Back to a signed-out browser with the default window, between tests. Cookies are per host, not port, so
     * this also drops another class's server's; its local storage is cleared on the server's origin.
     */
    public void reset() {
        driver.manage().deleteAllCookies();
        driver.manage().window().setSize(new Dimension(1280, 800));
        go("/login");
        driver.executeScript("window.localStorage.clear()");
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public WebElement waitForVisible(String css) {
        return waitFor(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    public <T> T waitFor(Function<? super WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(15)).until(condition);
    }

    public Object script(String js, Object... args) {
        return driver.executeScript(js, args);
    }

    /** Saves a PNG of the viewport as target/screenshots/NAME.png, for people to look at. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } catch (WebDriverException ignored) {
            // Chromium is gone already
        }
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory; the OS cleans it eventually
        }
    }
}
