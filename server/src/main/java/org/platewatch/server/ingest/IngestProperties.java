package org.platewatch.server.ingest;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on what a device may upload.
 *
 * @param maxBatch                   reads in one request
 * @param maxClockSkew               how far in the future a capture time may be (device clocks drift)
 * @param maxImageSize               the largest image accepted
 * @param maxImagePixels             the most pixels (width × height, read from the JPEG's header) an image may
 *                                   declare; a larger one is refused before it is decoded
 * @param maxBodySize                the largest request body other than an image or a multipart upload (those have
 *                                   their own limits); 1,000 reads in OpenALPR's format with candidates take about
 *                                   1.5 MB, in Platewatch's own about 350 KB
 * @param fixedCameraTolerance       how far (metres) a fixed camera's reported position may lie from its registered
 *                                   one; its reads are stored at the registered position
 * @param fixedCameraBacklog         how far back a fixed camera's capture time may lie (a camera on the network
 *                                   uploads within minutes; a few days covers an outage)
 * @param maxNewPartitions           the most day partitions of the detections one request may create
 * @param shiftCheckValidity         how long before an edge agent's start a passing shift-start check still
 *                                   counts for that shift; a unit started without one is flagged on the cameras page
 */
@ConfigurationProperties(prefix = "platewatch.ingest")
public record IngestProperties(
        @DefaultValue("1000") int maxBatch,
        @DefaultValue("2m") Duration maxClockSkew,
        @DefaultValue("5MB") DataSize maxImageSize,
        @DefaultValue("40000000") long maxImagePixels,
        @DefaultValue("2MB") DataSize maxBodySize,
        @DefaultValue("200") double fixedCameraTolerance,
        @DefaultValue("3d") Duration fixedCameraBacklog,
        @DefaultValue("3") int maxNewPartitions,
        @DefaultValue("12h") Duration shiftCheckValidity) {

    public IngestProperties {
        if (!(fixedCameraTolerance >= 0)) {
            throw new IllegalArgumentException("platewatch.ingest.fixed-camera-tolerance must be at least 0 metres");
        }
        if (fixedCameraBacklog.isNegative() || maxNewPartitions < 1 || maxImagePixels < 1) {
            throw new IllegalArgumentException("platewatch.ingest.fixed-camera-backlog must not be negative, "
                    + "max-new-partitions and max-image-pixels must be at least 1");
        }
    }
}
