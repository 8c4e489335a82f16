package org.platewatch.server.alert;

import java.time.Instant;
import java.util.UUID;
import org.platewatch.plate.VehicleDescription;
import org.platewatch.server.ingest.Device;
import org.platewatch.server.reads.NewDetection;

/**
 * The read as it was when it raised the alert, kept with the alert ({@code alerts.read_json}) because hits
 * outlive detections (the profile's hit retention). Field names are a contract with the console.
 */
public record ReadSnapshot(
        UUID readId,
        String plate,
        String state,
        double confidence,
        Instant capturedAt,
        double latitude,
        double longitude,
        UUID deviceId,
        String deviceName,
        VehicleDescription vehicle) {

    public ReadSnapshot {
        if (vehicle == null) {
            vehicle = VehicleDescription.UNKNOWN;
        }
    }

    static ReadSnapshot of(Device device, NewDetection read) {
        return new ReadSnapshot(
                read.readId(),
                read.plate(),
                read.state(),
                read.confidence(),
                read.capturedAt(),
                read.latitude(),
                read.longitude(),
                device.id(),
                device.name(),
                read.vehicle());
    }

    @Override
    public String toString() {
        return "ReadSnapshot[readId=" + readId + ", deviceId=" + deviceId + "]"; // never plate text in a log line
    }
}
