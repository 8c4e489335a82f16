package org.platewatch.server.ingest;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on what a device may upload.
 *
 * @param maxBatch      reads in one request
 * @param maxClockSkew  how far in the future a capture time may be (device clocks drift)
 * @param maxImageSize  the largest image accepted
 */
@ConfigurationProperties(prefix = "platewatch.ingest")
public record IngestProperties(
        @DefaultValue("1000") int maxBatch,
        @DefaultValue("2m") Duration maxClockSkew,
        @DefaultValue("5MB") DataSize maxImageSize) {
}
