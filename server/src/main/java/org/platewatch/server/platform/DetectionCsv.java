package org.platewatch.server.platform;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.platewatch.plate.VehicleDescription;

/**
 * Detections as CSV, in the one layout every file that leaves Platewatch uses: a search's export, a release to another
 * agency and an evidence package. The common columns come first and in the same order everywhere, so a records clerk
 * or a prosecutor's analyst reads them alike; each kind of file adds its own columns at the end (a search its
 * look-alike mark, a package the image's file name). Times are given in UTC and in the department's zone.
 */
public final class DetectionCsv {

    private static final List<String> COMMON = List.of(
            "read_id",
            "captured_at_utc",
            "captured_at_local",
            "plate",
            "state",
            "confidence",
            "latitude",
            "longitude",
            "heading",
            "camera_id",
            "camera_name",
            "make",
            "model",
            "color",
            "type");

    private final ZoneId zone;
    private final List<String> extraColumns;
    private final StringBuilder out;

    /**
     * @param zone         the department's zone, for {@code captured_at_local}
     * @param extraColumns this file's own columns, after the common ones
     */
    public DetectionCsv(ZoneId zone, List<String> extraColumns) {
        this.zone = zone;
        this.extraColumns = List.copyOf(extraColumns);
        this.out = new StringBuilder(4096);
        List<String> header = new ArrayList<>(COMMON);
        header.addAll(this.extraColumns);
        out.append(Csv.row(header.toArray(String[]::new)));
    }

    /**
     * One detection. A value that is not known (a read without a position, a camera since removed) is an empty field.
     *
     * @param extra this file's own values, one per extra column
     */
    public DetectionCsv add(
            UUID readId,
            Instant capturedAt,
            String plate,
            String state,
            Double confidence,
            Double latitude,
            Double longitude,
            Double heading,
            UUID cameraId,
            String cameraName,
            VehicleDescription vehicle,
            String... extra) {
        if (extra.length != extraColumns.size()) {
            throw new IllegalArgumentException(
                    "expected " + extraColumns.size() + " extra values, got " + extra.length);
        }
        VehicleDescription v = vehicle == null ? VehicleDescription.UNKNOWN : vehicle;
        List<String> fields = new ArrayList<>(COMMON.size() + extra.length);
        fields.add(readId.toString());
        fields.add(capturedAt == null ? null : capturedAt.toString());
        fields.add(
                capturedAt == null
                        ? null
                        : capturedAt.atZone(zone).toLocalDateTime().toString());
        fields.add(plate);
        fields.add(state);
        fields.add(format("%.3f", confidence));
        fields.add(format("%.6f", latitude));
        fields.add(format("%.6f", longitude));
        fields.add(format("%.0f", heading));
        fields.add(cameraId == null ? null : cameraId.toString());
        fields.add(cameraName);
        fields.add(v.make());
        fields.add(v.model());
        fields.add(v.color());
        fields.add(v.type());
        fields.addAll(Arrays.asList(extra)); // an extra value may be null: an empty field
        out.append(Csv.row(fields.toArray(String[]::new)));
        return this;
    }

    public String text() {
        return out.toString();
    }

    public byte[] bytes() {
        return text().getBytes(StandardCharsets.UTF_8);
    }

    private static String format(String pattern, Double value) {
        return value == null ? null : String.format(Locale.ROOT, pattern, value);
    }
}
