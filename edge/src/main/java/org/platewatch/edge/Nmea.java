package org.platewatch.edge;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The one NMEA 0183 sentence a plate read needs from a GPS receiver: RMC, the recommended minimum (UTC time and
 * date, fix status, latitude, longitude, course), from any talker ({@code $GPRMC}, {@code $GNRMC}, ...). A sentence
 * is taken only with its checksum right and its status "A" (a valid fix): a read filed at a wrong place is worse
 * than one with none, which the server then files without a position.
 */
final class Nmea {

    private Nmea() {}

    /** A position fix. {@code heading} (course over ground, degrees true) is null when the receiver gives none. */
    record Fix(Instant time, double latitude, double longitude, Double heading) {}

    static Optional<Fix> parse(String line) {
        String s = line.strip();
        int star = s.lastIndexOf('*');
        if (!s.startsWith("$") || star < 0 || star + 3 != s.length() || !checksumMatches(s, star)) {
            return Optional.empty();
        }
        String[] f = s.substring(1, star).split(",", -1);
        if (f.length < 10 || f[0].length() != 5 || !f[0].endsWith("RMC") || !"A".equals(f[2])) {
            return Optional.empty();
        }
        try {
            Double lat = coordinate(f[3], f[4], 'N', 'S', 2, 90);
            Double lon = coordinate(f[5], f[6], 'E', 'W', 3, 180);
            if (lat == null || lon == null) {
                return Optional.empty();
            }
            Double heading = f[8].isEmpty() ? null : Double.parseDouble(f[8]);
            if (heading != null && (heading < 0 || heading >= 360)) {
                heading = null;
            }
            return Optional.of(new Fix(time(f[1], f[9]), lat, lon, heading));
        } catch (NumberFormatException | java.time.DateTimeException | StringIndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    private static boolean checksumMatches(String s, int star) {
        int sum = 0;
        for (int i = 1; i < star; i++) {
            sum ^= s.charAt(i);
        }
        try {
            return sum == Integer.parseInt(s.substring(star + 1), 16);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** {@code ddmm.mmmm} (latitude) or {@code dddmm.mmmm} (longitude) and its hemisphere, as signed degrees. */
    private static Double coordinate(
            String value, String hemisphere, char positive, char negative, int degreeDigits, int max) {
        if (value.length() <= degreeDigits || hemisphere.length() != 1) {
            return null;
        }
        double degrees = Integer.parseInt(value.substring(0, degreeDigits));
        double minutes = Double.parseDouble(value.substring(degreeDigits));
        if (minutes < 0 || minutes >= 60) {
            return null;
        }
        double d = degrees + minutes / 60;
        if (d > max) {
            return null;
        }
        char h = hemisphere.charAt(0);
        if (h == positive) {
            return d;
        }
        return h == negative ? -d : null;
    }

    private static Instant time(String hhmmss, String ddmmyy) {
        LocalTime t = LocalTime.of(
                Integer.parseInt(hhmmss.substring(0, 2)),
                Integer.parseInt(hhmmss.substring(2, 4)),
                Integer.parseInt(hhmmss.substring(4, 6)));
        if (hhmmss.length() > 7 && hhmmss.charAt(6) == '.') {
            String fraction = (hhmmss.substring(7) + "000").substring(0, 3);
            t = t.plusNanos(Integer.parseInt(fraction) * 1_000_000L);
        }
        if (ddmmyy.length() != 6) {
            throw new NumberFormatException("not ddmmyy");
        }
        int yy = Integer.parseInt(ddmmyy.substring(4, 6));
        // two digits of year: GPS began in 1980, so 80-99 are the 1900s and the rest this century
        LocalDate date = LocalDate.of(
                yy >= 80 ? 1900 + yy : 2000 + yy,
                Integer.parseInt(ddmmyy.substring(2, 4)),
                Integer.parseInt(ddmmyy.substring(0, 2)));
        return date.atTime(t).toInstant(ZoneOffset.UTC);
    }
}
