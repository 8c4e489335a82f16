package org.platewatch.server.search;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Locale;

/** Where a canvass looks: a circle around a point, or a polygon drawn on the map. Coordinates are WGS 84 degrees. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "shape")
@JsonSubTypes({
    @JsonSubTypes.Type(value = SearchArea.Circle.class, name = "circle"),
    @JsonSubTypes.Type(value = SearchArea.Polygon.class, name = "polygon")
})
sealed interface SearchArea {

    /** Mean earth radius (IUGG), metres: distances of a few kilometres need no better. */
    double EARTH_RADIUS_METERS = 6_371_008.8;

    double METERS_PER_DEGREE_LATITUDE = Math.PI * EARTH_RADIUS_METERS / 180;

    /** The radius of a circle around the area's centre that holds it all: how wide a canvass is. */
    double widthRadiusMeters();

    /** The area's bounding box, for the spatial index. */
    Box box();

    /** The terms as the audit log records them. */
    String terms();

    record Corner(double latitude, double longitude) {}

    record Box(double south, double west, double north, double east) {}

    record Circle(double latitude, double longitude, double radiusMeters) implements SearchArea {

        @Override
        public double widthRadiusMeters() {
            return radiusMeters;
        }

        @Override
        public Box box() {
            double dLat = radiusMeters / METERS_PER_DEGREE_LATITUDE;
            // Near the poles a degree of longitude shrinks to nothing; plates are not read there.
            double dLon = dLat / Math.max(Math.cos(Math.toRadians(latitude)), 0.01);
            return new Box(latitude - dLat, longitude - dLon, latitude + dLat, longitude + dLon);
        }

        @Override
        public String terms() {
            return String.format(Locale.ROOT, "circle(%.6f,%.6f,%.0fm)", latitude, longitude, radiusMeters);
        }
    }

    record Polygon(List<Corner> corners) implements SearchArea {

        public Polygon {
            corners = List.copyOf(corners);
        }

        @Override
        public double widthRadiusMeters() {
            Box b = box();
            double centreLat = (b.south() + b.north()) / 2;
            double centreLon = (b.west() + b.east()) / 2;
            double widest = 0;
            for (Corner c : corners) {
                widest = Math.max(widest, metersBetween(centreLat, centreLon, c.latitude(), c.longitude()));
            }
            return widest;
        }

        @Override
        public Box box() {
            double south = 90;
            double north = -90;
            double west = 180;
            double east = -180;
            for (Corner c : corners) {
                south = Math.min(south, c.latitude());
                north = Math.max(north, c.latitude());
                west = Math.min(west, c.longitude());
                east = Math.max(east, c.longitude());
            }
            return new Box(south, west, north, east);
        }

        @Override
        public String terms() {
            StringBuilder s = new StringBuilder("polygon(");
            for (int i = 0; i < corners.size(); i++) {
                Corner c = corners.get(i);
                s.append(i == 0 ? "" : " ")
                        .append(String.format(Locale.ROOT, "%.6f,%.6f", c.latitude(), c.longitude()));
            }
            return s.append(')').toString();
        }

        /** As PostgreSQL's {@code polygon} reads it: {@code ((x1,y1),...)} with x the longitude. */
        String asSqlPolygon() {
            StringBuilder s = new StringBuilder("(");
            for (int i = 0; i < corners.size(); i++) {
                Corner c = corners.get(i);
                s.append(i == 0 ? "" : ",")
                        .append(String.format(Locale.ROOT, "(%.7f,%.7f)", c.longitude(), c.latitude()));
            }
            return s.append(')').toString();
        }
    }

    /** Great-circle distance by the haversine formula, as the SQL filter computes it. */
    static double metersBetween(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
