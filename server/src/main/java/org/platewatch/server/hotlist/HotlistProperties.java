package org.platewatch.server.hotlist;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Hot-list settings ({@code platewatch.hotlist.*}).
 *
 * @param fetchInterval          how often every external list with a location is downloaded; at most 24 h, because
 *                               the policies ask for a fresh list at least daily (Vallejo 426.4(f)(4))
 * @param fetchInitialDelay      the wait after start-up before the first download
 * @param expiryCheckInterval    how often the index is rebuilt to drop entries that have expired (matching also
 *                               checks expiry, so this only keeps the index small)
 * @param fetchTimeout           the longest one HTTP download may take
 * @param misreadFlagThreshold   misreads plus not-confirmed results after which an entry is flagged for the
 *                               administrator
 * @param maxShrink              the largest share (0-1) of the entries in force that one import may remove; a file
 *                               that removes more is refused unless an administrator uploads it with
 *                               {@code confirmShrink=true} (a cut-short CSV download otherwise replaces the list)
 * @param fetchSettleTime        in directory mode, a file modified more recently than this is skipped: it may still
 *                               be being written
 * @param maxDownloadSize        the largest list file one fetch reads (over HTTPS or from the source directory)
 * @param sourceDir              the one directory whose files and subdirectories may be list locations; unset, lists
 *                               are fetched over HTTPS only
 */
@ConfigurationProperties(prefix = "platewatch.hotlist")
public record HotlistProperties(
        @DefaultValue("1h") Duration fetchInterval,
        @DefaultValue("1m") Duration fetchInitialDelay,
        @DefaultValue("1m") Duration expiryCheckInterval,
        @DefaultValue("2m") Duration fetchTimeout,
        @DefaultValue("3") int misreadFlagThreshold,
        @DefaultValue("0.5") double maxShrink,
        @DefaultValue("1m") Duration fetchSettleTime,
        @DefaultValue("50MB") DataSize maxDownloadSize,
        Path sourceDir) {

    public HotlistProperties {
        if (fetchInterval.isNegative() || fetchInterval.isZero() || fetchInterval.compareTo(Duration.ofHours(24)) > 0) {
            throw new IllegalArgumentException(
                    "platewatch.hotlist.fetch-interval must be between 1s and 24h: lists are fetched at least daily");
        }
        if (!(maxShrink >= 0 && maxShrink <= 1)) {
            throw new IllegalArgumentException("platewatch.hotlist.max-shrink must be between 0 and 1");
        }
        if (sourceDir != null && !sourceDir.isAbsolute()) {
            throw new IllegalArgumentException("platewatch.hotlist.source-dir must be an absolute path");
        }
        if (misreadFlagThreshold < 1) {
            throw new IllegalArgumentException("platewatch.hotlist.misread-flag-threshold must be at least 1");
        }
    }
}
