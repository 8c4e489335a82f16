package org.platewatch.server.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.platewatch.plate.VehicleDescription;

class DetectionCsvTest {

    private static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");
    private static final UUID READ = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final UUID CAMERA = UUID.fromString("00000000-0000-0000-0000-0000000000c1");

    @Test
    void everyFileHasTheCommonColumnsFirstAndItsOwnAfter() {
        String text = new DetectionCsv(PACIFIC, List.of("image", "stored"))
                .add(
                        READ,
                        Instant.parse("2026-07-04T19:30:00Z"),
                        "7ABC123",
                        "CA",
                        0.9876,
                        37.8044,
                        -122.2712,
                        90.4,
                        CAMERA,
                        "Broadway, Camera 3",
                        new VehicleDescription("Toyota", "Camry", "white", "sedan"),
                        "images/abc.jpg",
                        "LIVE")
                .text();

        assertThat(text.split("\r\n"))
                .containsExactly(
                        "read_id,captured_at_utc,captured_at_local,plate,state,confidence,latitude,longitude,heading,"
                                + "camera_id,camera_name,make,model,color,type,image,stored",
                        READ + ",2026-07-04T19:30:00Z,2026-07-04T12:30,7ABC123,CA,0.988,37.804400,-122.271200,90,"
                                + CAMERA + ",\"Broadway, Camera 3\",Toyota,Camry,white,sedan,images/abc.jpg,LIVE");
    }

    @Test
    void whatIsNotKnownIsAnEmptyFieldAndAFormulaIsDefused() {
        String row = new DetectionCsv(PACIFIC, List.of("image"))
                .add(READ, null, "=HYPERLINK(1)", null, null, null, null, null, null, null, null, (String) null)
                .text()
                .split("\r\n")[1];

        assertThat(row).isEqualTo(READ + ",,,'=HYPERLINK(1),,,,,,,,,,,,");
    }

    @Test
    void theExtraValuesMustMatchTheExtraColumns() {
        DetectionCsv csv = new DetectionCsv(PACIFIC, List.of("look_alike"));

        assertThatThrownBy(() -> csv.add(READ, null, "7ABC123", "CA", null, null, null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 1 extra values, got 0");
    }
}
