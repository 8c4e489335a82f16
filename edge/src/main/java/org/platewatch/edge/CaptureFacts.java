package org.platewatch.edge;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.lang.GeoLocation;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Optional;
import java.util.TimeZone;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * When and where an image was taken, from the best source it has, in this order: its sidecar file
 * ({@code NAME.json}: {@code capturedAt}, {@code latitude}, {@code longitude}, {@code heading}); its EXIF
 * (the GPS time stamp, which is UTC, else {@code DateTimeOriginal} with its offset or the camera's zone;
 * the GPS position and image direction); the file's modification time, or the moment it was fetched. A
 * fixed camera's image without a position gets none: the server stores its registered position.
 *
 * @param timeSource which of those the capture time came from, for {@code edge check} and the logs
 */
record CaptureFacts(Instant capturedAt, Double latitude, Double longitude, Double heading, String timeSource) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    boolean hasPosition() {
        return latitude != null && longitude != null;
    }

    /**
     * @param cameraZone the zone the camera's clock shows, for EXIF times that carry no offset
     * @throws BadSidecarException when the sidecar is there but unreadable: guessing then would file the
     *     read at the wrong time or place
     */
    static CaptureFacts of(Capture capture, ZoneId cameraZone, Clock clock) throws IOException {
        return of(capture, cameraZone, clock, Optional.empty());
    }

    /**
     * As above, with the car's GPS receiver ({@link GpsFeed}) as the position's last source: an image without a
     * position of its own takes the receiver's current fix (and its course as the heading, when it has none).
     */
    static CaptureFacts of(Capture capture, ZoneId cameraZone, Clock clock, Optional<Nmea.Fix> gps) throws IOException {
        Instant time = null;
        Double lat = null;
        Double lon = null;
        Double heading = null;
        String timeSource = null;
        if (capture.sidecar() != null) {
            JsonNode side;
            try {
                side = JSON.readTree(Files.readString(capture.sidecar()));
            } catch (JacksonException e) {
                throw new BadSidecarException("its sidecar is not JSON");
            }
            if (!side.isObject()) {
                throw new BadSidecarException("its sidecar is not a JSON object");
            }
            if (side.hasNonNull("capturedAt")) {
                try {
                    time = OffsetDateTime.parse(side.get("capturedAt").asString())
                            .toInstant();
                    timeSource = "sidecar";
                } catch (DateTimeParseException e) {
                    throw new BadSidecarException("its sidecar's capturedAt is not an ISO-8601 time with offset");
                }
            }
            lat = number(side, "latitude");
            lon = number(side, "longitude");
            heading = number(side, "heading");
        }
        Exif exif = Exif.of(capture.jpeg(), cameraZone);
        if (time == null && exif.time() != null) {
            time = exif.time();
            timeSource = exif.timeSource();
        }
        if (lat == null && lon == null && exif.location() != null) {
            lat = exif.location().getLatitude();
            lon = exif.location().getLongitude();
        }
        if (heading == null) {
            heading = exif.direction();
        }
        if (lat == null && lon == null && gps.isPresent()) {
            lat = gps.get().latitude();
            lon = gps.get().longitude();
            if (heading == null) {
                heading = gps.get().heading();
            }
        }
        if (time == null && capture.file() != null) {
            time = Files.getLastModifiedTime(capture.file()).toInstant();
            timeSource = "file time";
        }
        if (time == null) {
            time = clock.instant();
            timeSource = "agent clock";
        }
        return new CaptureFacts(time, lat, lon, heading, timeSource);
    }

    private static Double number(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw new BadSidecarException("its sidecar's " + field + " is not a number");
        }
        return v.asDouble();
    }

    /** The sidecar file is there but cannot be used. */
    static final class BadSidecarException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        BadSidecarException(String message) {
            super(message);
        }
    }

    private record Exif(Instant time, String timeSource, GeoLocation location, Double direction) {

        static final Exif NONE = new Exif(null, null, null, null);

        static Exif of(byte[] jpeg, ZoneId zone) {
            Metadata m;
            try {
                m = ImageMetadataReader.readMetadata(new ByteArrayInputStream(jpeg));
            } catch (ImageProcessingException | IOException | RuntimeException e) {
                return NONE; // no usable EXIF: the next source decides
            }
            GpsDirectory gps = m.getFirstDirectoryOfType(GpsDirectory.class);
            ExifSubIFDDirectory exif = m.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
            Instant time = null;
            String source = null;
            if (gps != null && gps.getGpsDate() != null) {
                time = gps.getGpsDate().toInstant();
                source = "EXIF GPS time";
            } else if (exif != null) {
                Date original = exif.getDateOriginal(TimeZone.getTimeZone(zone));
                if (original != null) {
                    time = original.toInstant();
                    source = "EXIF DateTimeOriginal";
                }
            }
            GeoLocation location = gps == null ? null : gps.getGeoLocation();
            if (location != null && location.isZero()) {
                location = null; // 0,0 is a GPS without a fix, not a place in the Gulf of Guinea
            }
            Double direction = gps == null ? null : gps.getDoubleObject(GpsDirectory.TAG_IMG_DIRECTION);
            return new Exif(time, source, location, direction);
        }
    }
}
