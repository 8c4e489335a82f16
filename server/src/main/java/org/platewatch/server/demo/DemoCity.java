package org.platewatch.server.demo;

import java.util.List;

/**
 * The demo's geography: fixed cameras at real Oakland intersections and two patrol cars. The
 * coordinates are public street corners, not anyone's data.
 */
final class DemoCity {

    record Camera(String name, double latitude, double longitude, double heading) {}

    static final List<Camera> FIXED_CAMERAS = List.of(
            new Camera("Broadway & Grand Ave", 37.8116, -122.2658, 180),
            new Camera("International Blvd & 38th Ave", 37.7754, -122.2206, 45),
            new Camera("MacArthur Blvd & High St", 37.7872, -122.1929, 270),
            new Camera("7th St & Market St", 37.8044, -122.2817, 90),
            new Camera("Hegenberger Rd & Edes Ave", 37.7365, -122.1967, 0));

    static final List<String> PATROL_CARS = List.of("Patrol car 12", "Patrol car 27");

    /** A rough box around the city, for patrol-car positions. */
    static final double SOUTH = 37.73;

    static final double NORTH = 37.83;
    static final double WEST = -122.30;
    static final double EAST = -122.17;

    private DemoCity() {}
}
