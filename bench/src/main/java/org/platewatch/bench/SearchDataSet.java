package org.platewatch.bench;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The search benchmark's detections, made up day by day and always the same for the same seed: about 400
 * cameras on a 20 × 20 city grid (500 m apart, around 37.80, -122.27); commuters seen most weekdays at the
 * same two cameras at similar hours; a pool of plates seen now and then anywhere; and many plates seen once.
 * Every day is generated from its own random stream, so a load that stopped half-way resumes with the same
 * rows, and any one day can be made again without the days before it.
 */
final class SearchDataSet {

    static final int GRID = 20;
    static final double CENTRE_LAT = 37.80;
    static final double CENTRE_LON = -122.27;
    static final double SPACING_METRES = 500;
    private static final double METRES_PER_DEGREE_LAT = 111_320;
    /** Pacific standard time: the city's day, by which the hours of traffic are shaped. */
    private static final int UTC_OFFSET_HOURS = -8;
    /** Traffic by local hour: light at night, peaks at the commutes. */
    private static final double[] HOUR_WEIGHT = {
        0.25, 0.15, 0.1, 0.1, 0.15, 0.3, 0.7, 1.3, 1.5, 1.1, 1.0, 1.0,
        1.1, 1.0, 1.0, 1.1, 1.4, 1.5, 1.3, 0.9, 0.7, 0.6, 0.5, 0.35
    };

    private final long detections;
    private final long seed;
    private final LocalDate firstDay;
    private final int days;
    private final List<Camera> cameras;
    private final double[] cameraCumulative;
    private final double[] hourCumulative;
    private final Commuter[] commuters;
    private final String[] occasional;

    record Camera(UUID id, String name, double latitude, double longitude, float heading) {}

    private record Commuter(String plate, int home, int work, int morningMinute, int eveningMinute) {}

    SearchDataSet(long detections, long seed, LocalDate firstDay, int days) {
        this.detections = detections;
        this.seed = seed;
        this.firstDay = firstDay;
        this.days = days;
        SplittableRandom r = new SplittableRandom(seed);
        cameras = new ArrayList<>();
        cameraCumulative = new double[GRID * GRID];
        double total = 0;
        double dLat = SPACING_METRES / METRES_PER_DEGREE_LAT;
        double dLon = dLat / Math.cos(Math.toRadians(CENTRE_LAT));
        for (int row = 0; row < GRID; row++) {
            for (int col = 0; col < GRID; col++) {
                cameras.add(new Camera(
                        new UUID(r.nextLong(), r.nextLong()),
                        String.format("search-bench-cam-%02d-%02d", row, col),
                        CENTRE_LAT + (row - (GRID - 1) / 2.0) * dLat,
                        CENTRE_LON + (col - (GRID - 1) / 2.0) * dLon,
                        r.nextInt(4) * 90f));
                // arterial cameras see more traffic than side streets
                total += 0.4 + 1.6 * r.nextDouble() * r.nextDouble();
                cameraCumulative[cameras.size() - 1] = total;
            }
        }
        hourCumulative = new double[24];
        double h = 0;
        for (int local = 0; local < 24; local++) {
            h += HOUR_WEIGHT[local];
            hourCumulative[local] = h;
        }
        commuters = new Commuter[(int) Math.max(50, detections / 1250)];
        for (int i = 0; i < commuters.length; i++) {
            commuters[i] = new Commuter(
                    Plates.random(r),
                    r.nextInt(cameras.size()),
                    r.nextInt(cameras.size()),
                    6 * 60 + 30 + r.nextInt(150),
                    16 * 60 + r.nextInt(150));
        }
        occasional = new String[(int) Math.max(1000, detections / 25)];
        for (int i = 0; i < occasional.length; i++) {
            occasional[i] = Plates.random(r);
        }
    }

    List<Camera> cameras() {
        return cameras;
    }

    int commuterCount() {
        return commuters.length;
    }

    int occasionalCount() {
        return occasional.length;
    }

    LocalDate day(int index) {
        return firstDay.plusDays(index);
    }

    int days() {
        return days;
    }

    /** What one detection row holds, in the order of the COPY columns. */
    interface Sink {
        void read(
                UUID readId,
                UUID deviceId,
                String plate,
                String state,
                float confidence,
                long capturedAtMillis,
                Camera camera,
                Plates.Vehicle vehicle);
    }

    /** Generates the reads of day {@code index} (a UTC day), about detections / days of them. */
    void generate(int index, Sink sink) {
        LocalDate day = day(index);
        long dayStart = day.toEpochDay() * 86_400_000L;
        long target = detections / days + (index < detections % days ? 1 : 0);
        SplittableRandom r = new SplittableRandom(seed * 1_000_003L + day.toEpochDay());
        boolean weekday = day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
        long written = 0;
        for (Commuter c : commuters) {
            if (written >= target || r.nextDouble() >= (weekday ? 0.85 : 0.1)) {
                continue;
            }
            int morning = c.morningMinute + r.nextInt(21) - 10;
            int evening = c.eveningMinute + r.nextInt(31) - 15;
            int[][] passes = {{c.home, morning}, {c.work, morning + 18}, {c.work, evening}, {c.home, evening + 20}};
            for (int[] pass : passes) {
                if (written < target && r.nextDouble() < 0.75) {
                    long at = dayStart + utcMillisOfLocalMinute(pass[1]) + r.nextInt(60_000);
                    emit(sink, r, c.plate, cameras.get(pass[0]), at);
                    written++;
                }
            }
        }
        while (written < target) {
            String plate = r.nextDouble() < 0.4 ? occasional[r.nextInt(occasional.length)] : Plates.random(r);
            long at = dayStart + utcMillisOfLocalMinute(randomLocalHour(r) * 60 + r.nextInt(60)) + r.nextInt(60_000);
            emit(sink, r, plate, cameras.get(randomCamera(r)), at);
            written++;
        }
    }

    private static void emit(Sink sink, SplittableRandom r, String plate, Camera camera, long at) {
        sink.read(
                randomUuid(r),
                camera.id(),
                r.nextDouble() < 0.02 ? Plates.misread(plate, r) : plate,
                Plates.state(plate),
                (float) (0.99 - 0.39 * Math.pow(r.nextDouble(), 2)),
                at,
                camera,
                r.nextBoolean() ? Plates.vehicle(plate) : null);
    }

    /** A version-4 UUID from the day's stream (the same every time the day is made). */
    private static UUID randomUuid(SplittableRandom r) {
        long high = (r.nextLong() & 0xffffffffffff0fffL) | 0x4000L;
        long low = (r.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    /** A local minute of the day as milliseconds after the UTC day's start (wrapping within the UTC day). */
    private static long utcMillisOfLocalMinute(int localMinute) {
        int utc = Math.floorMod(localMinute - UTC_OFFSET_HOURS * 60, 24 * 60);
        return utc * 60_000L;
    }

    private int randomLocalHour(SplittableRandom r) {
        return pick(hourCumulative, r.nextDouble() * hourCumulative[23]);
    }

    private int randomCamera(SplittableRandom r) {
        return pick(cameraCumulative, r.nextDouble() * cameraCumulative[cameraCumulative.length - 1]);
    }

    private static int pick(double[] cumulative, double x) {
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
