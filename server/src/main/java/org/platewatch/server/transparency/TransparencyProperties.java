package org.platewatch.server.transparency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The public page's settings.
 *
 * @param refresh        {@code platewatch.transparency.refresh}: the figures are computed at most this often, however
 *                       many requests come (the page is public: it must not be a way to load the database)
 * @param months         {@code platewatch.transparency.months}: how many months of figures, the current one included
 * @param chainHeadDays  {@code platewatch.transparency.chain-head-days}: how many days of signed audit-chain heads
 * @param misuseContact  {@code platewatch.transparency.misuse-contact}: where the public reports misuse (an address,
 *                       a telephone number, a web form); blank: the page names the administrator's title only
 */
@ConfigurationProperties(prefix = "platewatch.transparency")
record TransparencyProperties(
        @DefaultValue("5m") Duration refresh,
        @DefaultValue("12") int months,
        @DefaultValue("31") int chainHeadDays,
        @DefaultValue("") String misuseContact) {

    TransparencyProperties {
        if (refresh.isNegative() || months < 1 || months > 60 || chainHeadDays < 0 || chainHeadDays > 366) {
            throw new IllegalArgumentException(
                    "platewatch.transparency: refresh must not be negative, months 1-60," + " chain-head-days 0-366");
        }
    }
}
