package org.platewatch.server.support;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * One headless Chromium per browser test class, opened on the class's server at the first test,
 * reset (signed out, cookies cleared) before each test and closed after the last.
 */
public abstract class BrowserTestSupport {

    protected static Browser browser;

    @LocalServerPort
    protected int port;

    @BeforeEach
    void openBrowser() {
        if (browser == null) {
            browser = Browser.open(port);
        }
        browser.reset();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }
}
