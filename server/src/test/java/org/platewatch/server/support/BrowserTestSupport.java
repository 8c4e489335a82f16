package org.platewatch.server.support;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The test JVM's headless Chromium ({@link Browser#shared}), pointed at the class's server and reset
 * (signed out, cookies and local storage cleared, default window) before each test.
 */
public abstract class BrowserTestSupport {

    protected static Browser browser;

    @LocalServerPort
    protected int port;

    @BeforeEach
    void openBrowser() {
        browser = Browser.shared(port);
        browser.reset();
    }
}
