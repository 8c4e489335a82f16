package org.platewatch.server.ingest;

import java.time.Instant;
import java.util.UUID;
import org.platewatch.plate.UsState;
import org.platewatch.plate.VehicleDescription;
import org.platewatch.server.reads.DetectionSource;

/**
 * One read as a device format reported it, mapped onto Platewatch's fields but not yet checked:
 * the step after the format adapter ({@link ReadValidator}) checks every field the same way
 * whatever the format. A null is a field the device left out; the fill step
 * ({@link DeviceDefaults}) supplies what the device's registration knows.
 *
 * @param confidenceScale what the format's confidence is out of (1 for Platewatch, 100 for OpenALPR)
 * @param fields          where each field came from in the request, so an error names it
 */
record ReportedRead(
        UUID readId,
        String plate,
        UsState state,
        Double confidence,
        double confidenceScale,
        Instant capturedAt,
        Double latitude,
        Double longitude,
        Double heading,
        VehicleDescription vehicle,
        DetectionSource source,
        Fields fields) {

    ReportedRead {
        if (vehicle == null) {
            vehicle = VehicleDescription.UNKNOWN;
        }
    }

    ReportedRead withChecked(String normalisedPlate, double confidenceOutOfOne, VehicleDescription checkedVehicle) {
        return new ReportedRead(
                readId,
                normalisedPlate,
                state,
                confidenceOutOfOne,
                1,
                capturedAt,
                latitude,
                longitude,
                heading,
                checkedVehicle,
                source,
                fields);
    }

    /** The request path of each field, as an error names it: {@code reads[3].latitude}, {@code gps_latitude}. */
    record Fields(
            String readId,
            String plate,
            String confidence,
            String capturedAt,
            String latitude,
            String longitude,
            String heading,
            String vehicle) {

        /** The fields of a read object at {@code path}, under Platewatch's own names. */
        static Fields under(String path) {
            return new Fields(
                    path + ".readId",
                    path + ".plate",
                    path + ".confidence",
                    path + ".capturedAt",
                    path + ".latitude",
                    path + ".longitude",
                    path + ".heading",
                    path + ".vehicle");
        }
    }
}
