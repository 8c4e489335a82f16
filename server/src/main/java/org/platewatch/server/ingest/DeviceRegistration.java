package org.platewatch.server.ingest;

import org.platewatch.server.platform.ProblemException;

/** What an administrator gives to register a device. Checked here so the CLI and the API agree. */
public record DeviceRegistration(String name, DeviceKind kind, Double latitude, Double longitude, Double heading) {

    public DeviceRegistration {
        if (name == null || name.isBlank()) {
            throw ProblemException.invalid("name", "is required");
        }
        name = name.strip();
        if (name.length() > 100) {
            throw ProblemException.invalid("name", "must be at most 100 characters");
        }
        if (kind == null) {
            throw ProblemException.invalid("kind", "is required: FIXED or MOBILE");
        }
        if (kind == DeviceKind.FIXED && (latitude == null || longitude == null)) {
            throw ProblemException.invalid("latitude", "a fixed camera needs its latitude and longitude");
        }
        if (latitude != null && (latitude < -90 || latitude > 90)) {
            throw ProblemException.invalid("latitude", "must be between -90 and 90");
        }
        if (longitude != null && (longitude < -180 || longitude > 180)) {
            throw ProblemException.invalid("longitude", "must be between -180 and 180");
        }
        if (heading != null && (heading < 0 || heading >= 360)) {
            throw ProblemException.invalid("heading", "must be at least 0 and below 360 degrees");
        }
    }
}
