package org.platewatch.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/** The console's settings that no browser test sees: the CSP's tile origin and the production cookie default. */
class ConsoleSettingsTest {

    @Test
    void theTileServersOriginIsWhatTheContentSecurityPolicyAllows() {
        assertThat(tiles("https://tile.openstreetmap.org/{z}/{x}/{y}.png").tileOrigin())
                .isEqualTo("https://tile.openstreetmap.org");
        assertThat(tiles("https://{s}.tiles.example.org:8443/{z}/{x}/{y}.png").tileOrigin())
                .isEqualTo("https://*.tiles.example.org:8443");
        assertThat(tiles("").tileOrigin()).isEmpty();
        assertThat(tiles("/tiles/{z}/{x}/{y}.png").tileOrigin())
                .as("served by Platewatch itself")
                .isEmpty();
        assertThat(new ContentSecurityPolicyFilter(tiles("https://tiles.example.org/{z}/{x}/{y}.png")).policy())
                .contains("img-src 'self' data: blob: https://tiles.example.org;");
    }

    @Test
    void theSessionCookieIsSecureUnlessTurnedOff() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yml"));
        Properties p = yaml.getObject();
        assertThat(p.getProperty("server.servlet.session.cookie.secure")).isEqualTo("${PLATEWATCH_SECURE_COOKIE:true}");
        assertThat(p.getProperty("server.servlet.session.cookie.http-only")).isEqualTo("true");
    }

    private static ConsoleProperties tiles(String url) {
        return new ConsoleProperties(url, "", 0, 0, Duration.ofHours(2));
    }
}
