package org.platewatch.server.ingest;

import java.util.ArrayList;
import java.util.List;
import org.platewatch.plate.PlateText;
import org.platewatch.plate.VehicleDescription;
import org.platewatch.server.platform.ProblemException;
import org.springframework.stereotype.Component;

/**
 * The validate step of the read pipeline, the same for every format: plate text, confidence,
 * capture time, position, heading and the vehicle's words. The first fault refuses the whole
 * upload, naming the field as the device sent it.
 */
@Component
class ReadValidator {

    static final int MAX_VEHICLE_TEXT = 100;

    private final CaptureWindow window;

    ReadValidator(CaptureWindow window) {
        this.window = window;
    }

    /**
     * The reads with plate text normalised and confidence out of 1; refuses the first invalid field.
     * The capture window depends on the kind of device that sent them.
     */
    List<ReportedRead> validate(List<ReportedRead> reads, DeviceKind sentBy) {
        List<ReportedRead> valid = new ArrayList<>(reads.size());
        for (ReportedRead read : reads) {
            valid.add(validate(read, sentBy));
        }
        return valid;
    }

    private ReportedRead validate(ReportedRead read, DeviceKind sentBy) {
        ReportedRead.Fields f = read.fields();
        String plate = plate(read.plate(), f.plate());
        double confidence = confidence(read.confidence(), read.confidenceScale(), f.confidence());
        if (read.capturedAt() == null) {
            throw ProblemException.invalid(f.capturedAt(), "is required");
        }
        window.check(read.capturedAt(), f.capturedAt(), sentBy);
        optionalInRange(read.latitude(), -90, 90, f.latitude());
        optionalInRange(read.longitude(), -180, 180, f.longitude());
        heading(read.heading(), f.heading());
        return read.withChecked(plate, confidence, vehicle(read.vehicle(), f.vehicle()));
    }

    private static String plate(String reported, String field) {
        if (reported == null) {
            throw ProblemException.invalid(field, "is required");
        }
        String plate = PlateText.normalise(reported);
        if (plate.isEmpty()) {
            throw ProblemException.invalid(field, "holds no letters or digits");
        }
        if (plate.length() > PlateText.MAX_LENGTH) {
            throw ProblemException.invalid(field, "is longer than " + PlateText.MAX_LENGTH + " characters");
        }
        return plate;
    }

    private static double confidence(Double reported, double scale, String field) {
        if (reported == null) {
            throw ProblemException.invalid(field, "is required");
        }
        if (reported.isNaN() || reported < 0 || reported > scale) {
            throw ProblemException.invalid(field, "must be between 0 and " + format(scale));
        }
        return reported / scale;
    }

    private static void optionalInRange(Double value, double min, double max, String field) {
        if (value != null && (value.isNaN() || value < min || value > max)) {
            throw ProblemException.invalid(field, "must be between " + format(min) + " and " + format(max));
        }
    }

    /** Degrees clockwise from north, 0 inclusive to 360 exclusive. */
    private static void heading(Double value, String field) {
        if (value != null && (value.isNaN() || value < 0 || value >= 360)) {
            throw ProblemException.invalid(field, "must be between 0 and 360");
        }
    }

    private static VehicleDescription vehicle(VehicleDescription v, String field) {
        return new VehicleDescription(
                text(v.make(), field + ".make"),
                text(v.model(), field + ".model"),
                text(v.color(), field + ".color"),
                text(v.type(), field + ".type"));
    }

    /** A word or two from the device; control characters could forge console or log output. */
    private static String text(String value, String field) {
        if (value == null) {
            return null;
        }
        String s = value.strip();
        if (s.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.invalid(field, "must not contain control characters");
        }
        if (s.length() > MAX_VEHICLE_TEXT) {
            throw ProblemException.invalid(field, "must be at most " + MAX_VEHICLE_TEXT + " characters");
        }
        return s.isEmpty() ? null : s;
    }

    private static String format(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
