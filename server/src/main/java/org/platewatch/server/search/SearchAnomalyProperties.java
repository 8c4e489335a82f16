package org.platewatch.server.search;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The thresholds of the search review's anomaly flags ({@code platewatch.search.anomalies.*}); what each flag
 * means is {@link SearchAnomalyKind}'s text. A flag is a prompt for a person to look, not a finding, so the
 * defaults lean towards few flags that are each worth reading.
 *
 * @param window                how far back the review looks, up to now
 * @param samePlateMinCases     different case numbers under which one member searched one plate pattern
 * @param peerFactor            a member is far above their peers with more than this many times the median count of
 *                              the other members who searched in the window
 * @param peerMinSearches       and with at least this many searches, so that a quiet department (two members, one
 *                              search against three) raises nothing
 * @param sameReasonMinSearches searches (all members together) that gave the same vague reason
 * @param vagueReasonLength     a reason shorter than this, once normalised, is vague (as is one made only of general
 *                              words, whatever its length)
 * @param hoursMinHistory       searches a member must have made in the window before their usual hours mean anything
 * @param rareHoursPercent      the hours in which a member searched least, taken together while they hold under this
 *                              share of the member's searches, are outside the member's usual hours
 */
@ConfigurationProperties(prefix = "platewatch.search.anomalies")
public record SearchAnomalyProperties(
        @DefaultValue("90d") Duration window,
        @DefaultValue("2") int samePlateMinCases,
        @DefaultValue("3") int peerFactor,
        @DefaultValue("20") int peerMinSearches,
        @DefaultValue("5") int sameReasonMinSearches,
        @DefaultValue("20") int vagueReasonLength,
        @DefaultValue("10") int hoursMinHistory,
        @DefaultValue("10") int rareHoursPercent) {

    public SearchAnomalyProperties {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("platewatch.search.anomalies.window must be positive");
        }
        if (samePlateMinCases < 2) {
            throw new IllegalArgumentException("platewatch.search.anomalies.same-plate-min-cases must be at least 2");
        }
        if (peerFactor < 1 || peerMinSearches < 1 || sameReasonMinSearches < 2 || hoursMinHistory < 1) {
            throw new IllegalArgumentException("platewatch.search.anomalies: a threshold is below its minimum");
        }
        if (rareHoursPercent < 1 || rareHoursPercent > 50) {
            throw new IllegalArgumentException("platewatch.search.anomalies.rare-hours-percent must be 1 to 50");
        }
    }

    /** The window as the summaries say it: "90 days", or hours for a window under two days. */
    String windowText() {
        return window.toDays() >= 2 ? window.toDays() + " days" : window.toHours() + " hours";
    }
}
