package org.platewatch.server.alert;

import java.time.Duration;
import org.platewatch.plate.hotlist.MatchKind;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Alert settings ({@code platewatch.alert.*}).
 *
 * @param heartbeat      how often an open alert stream gets a comment line, so proxies keep it open and dead
 *                       consoles are found
 * @param streamTimeout  how long one alert stream stays open before the console reconnects
 * @param pageSize       alerts per page of {@code GET /api/v1/alerts}
 * @param purgeInterval  how often alerts past the profile's hit retention are purged
 * @param confusableMatches what a CONFUSABLE match does: {@code PUSH} (raise and push live, labelled), {@code RECORD}
 *                       (raise and list it, but do not push it to the stream) or {@code IGNORE}. Against a list of
 *                       a million plates, confusable folding matches about 1 read in 100 by chance
 *                       (docs/benchmarks-matcher.md), which a department may not want pushed to every car
 * @param maxStreamsPerMember how many alert streams one member may hold open; one more completes their oldest
 * @param rematchWindow  how far back the re-match looks for reads whose alert was never raised
 * @param rematchInterval how often the re-match runs
 */
@ConfigurationProperties(prefix = "platewatch.alert")
public record AlertProperties(
        @DefaultValue("15s") Duration heartbeat,
        @DefaultValue("30m") Duration streamTimeout,
        @DefaultValue("50") int pageSize,
        @DefaultValue("6h") Duration purgeInterval,
        @DefaultValue("PUSH") ConfusablePolicy confusableMatches,
        @DefaultValue("5") int maxStreamsPerMember,
        @DefaultValue("10m") Duration rematchWindow,
        @DefaultValue("2m") Duration rematchInterval) {

    /** What a CONFUSABLE match does. */
    public enum ConfusablePolicy {
        PUSH,
        RECORD,
        IGNORE
    }

    /** Whether a match of this kind raises an alert at all. */
    boolean raises(MatchKind kind) {
        return kind != MatchKind.CONFUSABLE || confusableMatches != ConfusablePolicy.IGNORE;
    }

    /** Whether a raised alert of this kind is pushed to the consoles' live streams. */
    boolean pushesLive(MatchKind kind) {
        return kind != MatchKind.CONFUSABLE || confusableMatches == ConfusablePolicy.PUSH;
    }
}
