package org.platewatch.server.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.platewatch.plate.VehicleDescription;
import org.platewatch.server.demo.DemoPlates.DemoPlate;
import org.platewatch.server.ingest.Device;
import org.platewatch.server.reads.DetectionSource;
import org.platewatch.server.reads.NewDetection;

/**
 * A day of traffic with the rhythm of a real city: commuters who pass the same camera every
 * morning and another every evening, local cars that recur through the day, and a long tail of
 * plates seen once. Patrol cars read parked and passing cars wherever they are.
 */
final class DemoTraffic {

    private static final String[][] VEHICLES = {
        {"Toyota", "Camry", "silver", "sedan"}, {"Honda", "Civic", "blue", "sedan"},
        {"Ford", "F-150", "white", "pickup"}, {"Tesla", "Model 3", "white", "sedan"},
        {"Chevrolet", "Malibu", "black", "sedan"}, {"Nissan", "Altima", "gray", "sedan"},
        {"Toyota", "RAV4", "red", "suv"}, {"Honda", "Odyssey", "gray", "minivan"},
        {"Subaru", "Outback", "green", "wagon"}, {"BMW", "3 Series", "black", "sedan"}
    };

    private final Random random;
    private final ZoneId zone;
    private final List<DemoPlate> commuters;
    private final List<DemoPlate> locals;

    DemoTraffic(Random random, ZoneId zone) {
        this.random = random;
        this.zone = zone;
        this.commuters = DemoPlates.generate(random, 150);
        this.locals = DemoPlates.generate(random, 300);
    }

    /** Reads for each device over the day ending at {@code end}. */
    List<NewDetection> day(List<Device> fixed, List<Device> mobile, Instant end) {
        List<NewDetection> reads = new ArrayList<>();
        ZonedDateTime today = end.atZone(zone).toLocalDate().atStartOfDay(zone);
        for (int c = 0; c < commuters.size(); c++) {
            DemoPlate plate = commuters.get(c);
            Device morning = fixed.get(c % fixed.size());
            Device evening = fixed.get((c * 7 + 3) % fixed.size());
            for (ZonedDateTime day : List.of(today.minusDays(1), today)) {
                addIfPast(reads, fixedRead(plate, morning, day.plusMinutes(420 + random.nextInt(120))), end);
                addIfPast(reads, fixedRead(plate, evening, day.plusMinutes(990 + random.nextInt(150))), end);
            }
        }
        Instant start = end.minus(Duration.ofHours(24));
        for (int i = 0; i < 1600; i++) {
            Instant at = start.plusSeconds(daytimeWeightedSecond());
            DemoPlate plate = random.nextInt(3) == 0
                    ? locals.get(random.nextInt(locals.size()))
                    : DemoPlates.generate(random, 1).get(0);
            if (random.nextInt(4) == 0 && !mobile.isEmpty()) {
                reads.add(mobileRead(plate, at));
            } else {
                reads.add(fixedRead(plate, fixed.get(random.nextInt(fixed.size())), at.atZone(zone)));
            }
        }
        return reads;
    }

    /** One live read, now, from a random camera; one of the plates of interest {@code percent} % of the time. */
    NewDetection live(Device device, Instant now, List<DemoPlate> ofInterest, int percent) {
        DemoPlate plate;
        int dice = random.nextInt(100);
        if (dice < percent && !ofInterest.isEmpty()) {
            plate = ofInterest.get(random.nextInt(ofInterest.size()));
        } else if (dice < 40) {
            plate = locals.get(random.nextInt(locals.size()));
        } else {
            plate = DemoPlates.generate(random, 1).get(0);
        }
        return device.hasLocation() ? fixedRead(plate, device, now.atZone(zone)) : mobileRead(plate, now);
    }

    List<DemoPlate> locals() {
        return locals;
    }

    /** More traffic by day than at night: a second of the last 24 h, weighted toward 7:00-20:00. */
    private long daytimeWeightedSecond() {
        while (true) {
            long second = random.nextInt(86_400);
            double hour = (second / 3600.0 + 24) % 24;
            double weight = hour < 6 ? 0.15 : hour < 7 ? 0.5 : hour < 20 ? 1.0 : 0.4;
            if (random.nextDouble() < weight) {
                return second;
            }
        }
    }

    private void addIfPast(List<NewDetection> reads, NewDetection read, Instant end) {
        if (read.capturedAt().isBefore(end)) {
            reads.add(read);
        }
    }

    private NewDetection fixedRead(DemoPlate plate, Device camera, ZonedDateTime at) {
        return new NewDetection(
                UUID.randomUUID(),
                plate.plate(),
                stateOrUnread(plate),
                confidence(),
                at.toInstant(),
                camera.latitude(),
                camera.longitude(),
                camera.heading(),
                vehicle(plate),
                DetectionSource.DEVICE);
    }

    /** A patrol car's read: anywhere in the city, heading any way (the car's device id is the caller's). */
    private NewDetection mobileRead(DemoPlate plate, Instant at) {
        double lat = DemoCity.SOUTH + random.nextDouble() * (DemoCity.NORTH - DemoCity.SOUTH);
        double lon = DemoCity.WEST + random.nextDouble() * (DemoCity.EAST - DemoCity.WEST);
        return new NewDetection(
                UUID.randomUUID(),
                plate.plate(),
                stateOrUnread(plate),
                confidence(),
                at,
                lat,
                lon,
                (double) random.nextInt(360),
                vehicle(plate),
                DetectionSource.DEVICE);
    }

    /** Cameras miss the state on about one plate in ten. */
    private String stateOrUnread(DemoPlate plate) {
        return random.nextInt(10) == 0 ? null : plate.state();
    }

    private double confidence() {
        return Math.round((0.75 + random.nextDouble() * 0.24) * 100) / 100.0;
    }

    /** The same plate is always the same car. */
    private static VehicleDescription vehicle(DemoPlate plate) {
        String[] v = VEHICLES[Math.floorMod(plate.plate().hashCode(), VEHICLES.length)];
        return new VehicleDescription(v[0], v[1], v[2], v[3]);
    }
}
