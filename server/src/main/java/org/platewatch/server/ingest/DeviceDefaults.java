package org.platewatch.server.ingest;

import java.util.ArrayList;
import java.util.List;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.reads.NewDetection;
import org.springframework.stereotype.Component;

/**
 * The fill step of the read pipeline: what the device's registration knows and the read left out.
 * A fixed camera's reads take its registered position and heading; a mobile unit has no registered
 * position, so its reads must carry one.
 */
@Component
class DeviceDefaults {

    List<NewDetection> fill(List<ReportedRead> reads, Device device) {
        List<NewDetection> out = new ArrayList<>(reads.size());
        for (ReportedRead read : reads) {
            out.add(fill(read, device));
        }
        return out;
    }

    private static NewDetection fill(ReportedRead read, Device device) {
        Double lat = read.latitude();
        Double lon = read.longitude();
        if (lat == null || lon == null) {
            if (!device.hasLocation()) {
                throw ProblemException.invalid(lat == null ? read.fields().latitude() : read.fields().longitude(),
                        "is required from a mobile unit");
            }
            lat = device.latitude();
            lon = device.longitude();
        }
        Double heading = read.heading() != null ? read.heading() : device.heading();
        return new NewDetection(read.readId(), read.plate(), read.state() == null ? null : read.state().name(),
                read.confidence(), read.capturedAt(), lat, lon, heading, read.vehicle(), read.source());
    }
}
