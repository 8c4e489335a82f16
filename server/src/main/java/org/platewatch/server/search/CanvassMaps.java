package org.platewatch.server.search;

import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.platewatch.server.console.ConsoleProperties;
import org.platewatch.server.ingest.Device;
import org.platewatch.server.ingest.DeviceKind;
import org.platewatch.server.ingest.DeviceRegistry;
import org.platewatch.server.policy.DepartmentProfile;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the search pages' maps draw, as the JSON their scripts read from a {@code data-} attribute (the
 * Content-Security-Policy allows no inline script): the tile server, the registered cameras at their positions,
 * and on a search's page its results and the circle it canvassed.
 */
@Component
class CanvassMaps {

    /** The map's tiles and where it opens when there is nothing to fit. */
    record Settings(double[] center, String tiles, String attribution) {}

    /** A registered device with a known position (fixed cameras; a mobile unit's positions are its reads'). */
    record Camera(UUID id, String name, String kind, double latitude, double longitude) {}

    /** A device as the search form offers it. */
    record CameraOption(String id, String label) {}

    /** A result on the map and in the list: {@code at} in epoch seconds, for the time slider. */
    record Result(
            UUID readId,
            long at,
            String time,
            String plate,
            String state,
            double latitude,
            double longitude,
            String camera,
            String confidence,
            String vehicle,
            boolean lookAlike,
            String image) {}

    record Circle(double latitude, double longitude, double radiusMeters) {}

    record FormMap(Settings settings, List<Camera> cameras) {}

    record Canvass(Settings settings, List<Camera> cameras, List<Result> results, Circle area) {}

    private final DeviceRegistry devices;
    private final ConsoleProperties properties;
    private final JsonMapper json;
    private final ZoneId zone;

    CanvassMaps(DeviceRegistry devices, ConsoleProperties properties, JsonMapper json, DepartmentProfile profile) {
        this.devices = devices;
        this.properties = properties;
        this.json = json;
        this.zone = profile.zone();
    }

    /** The search form's area map: click to set the centre. */
    String formMap() {
        return json.writeValueAsString(new FormMap(settings(), cameras(devices.all())));
    }

    /** A search's canvass view: its results (this page) with the cameras and the area it covered. */
    String canvass(SearchView view, SearchArea area) {
        List<Result> results = view.results().stream()
                .map(h -> new Result(
                        h.readId(),
                        h.capturedAt().getEpochSecond(),
                        SearchConsoleController.time(h.capturedAt(), zone),
                        h.plate(),
                        h.state(),
                        h.latitude(),
                        h.longitude(),
                        h.cameraName(),
                        Math.round(h.confidence() * 100) + " %",
                        SearchConsoleController.vehicle(h.vehicle()),
                        h.lookAlike(),
                        h.image()))
                .toList();
        Circle circle =
                area instanceof SearchArea.Circle c ? new Circle(c.latitude(), c.longitude(), c.radiusMeters()) : null;
        return json.writeValueAsString(new Canvass(settings(), cameras(devices.all()), results, circle));
    }

    /** Every registered device, for the form's camera list; retired ones say so (their reads stay searchable). */
    List<CameraOption> cameraOptions() {
        return devices.all().stream()
                .map(d -> new CameraOption(
                        d.id().toString(),
                        d.name() + " (" + (d.kind() == DeviceKind.FIXED ? "fixed camera" : "mobile unit")
                                + (d.active() ? "" : ", retired") + ")"))
                .toList();
    }

    private Settings settings() {
        return new Settings(
                new double[] {properties.mapCenterLatitude(), properties.mapCenterLongitude()},
                properties.mapTilesUrl() == null ? "" : properties.mapTilesUrl(),
                properties.mapTilesAttribution());
    }

    private static List<Camera> cameras(List<Device> all) {
        return all.stream()
                .filter(Device::hasLocation)
                .map(d -> new Camera(d.id(), d.name(), d.kind().name(), d.latitude(), d.longitude()))
                .toList();
    }
}
