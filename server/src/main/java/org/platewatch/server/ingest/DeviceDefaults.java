package org.platewatch.server.ingest;

import java.util.ArrayList;
import java.util.List;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.reads.NewDetection;
import org.springframework.stereotype.Component;

/**
 * The fill step of the read pipeline: what the device's registration knows. A fixed camera's reads
 * take its registered position (what the administrator surveyed, not what the camera claims), and
 * its heading where the read has none; a reported position further than
 * {@code platewatch.ingest.fixed-camera-tolerance} from the registration is refused: a camera does
 * not move, so such a read is misconfigured or forged, and would put a vehicle where it never was.
 * A mobile unit has no registered position, so its reads must carry one.
 */
@Component
class DeviceDefaults {

    private static final double EARTH_RADIUS_METRES = 6_371_008.8;

    private final IngestProperties limits;

    DeviceDefaults(IngestProperties limits) {
        this.limits = limits;
    }

    List<NewDetection> fill(List<ReportedRead> reads, Device device) {
        List<NewDetection> out = new ArrayList<>(reads.size());
        for (ReportedRead read : reads) {
            out.add(fill(read, device));
        }
        return out;
    }

    private NewDetection fill(ReportedRead read, Device device) {
        Double lat = read.latitude();
        Double lon = read.longitude();
        if (device.hasLocation()) {
            if (lat != null
                    && lon != null
                    && metresBetween(lat, lon, device.latitude(), device.longitude()) > limits.fixedCameraTolerance()) {
                throw ProblemException.invalid(
                        read.fields().latitude(),
                        "is more than "
                                + Math.round(limits.fixedCameraTolerance())
                                + " m from where this fixed camera is registered; "
                                + "leave the position out, or have the administrator register the camera where it stands");
            }
            lat = device.latitude();
            lon = device.longitude();
        } else if (lat == null || lon == null) {
            throw ProblemException.invalid(
                    lat == null ? read.fields().latitude() : read.fields().longitude(),
                    "is required from a mobile unit");
        }
        Double heading = read.heading() != null ? read.heading() : device.heading();
        return new NewDetection(
                read.readId(),
                read.plate(),
                read.state() == null ? null : read.state().name(),
                read.confidence(),
                read.capturedAt(),
                lat,
                lon,
                heading,
                read.vehicle(),
                read.source());
    }

    /** Great-circle distance (haversine); metres matter here, not the ellipsoid. */
    static double metresBetween(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
