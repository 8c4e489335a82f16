package org.platewatch.plate.hotlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.platewatch.plate.UsState.CA;
import static org.platewatch.plate.UsState.NV;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.platewatch.plate.UsState;
import org.platewatch.plate.VehicleDescription;

class VehicleOnlyEntryTest {

    private static final VehicleDescription WHITE_FORD_F150 = VehicleDescription.of("Ford", "F-150", "White");

    private static HotlistEntry vehicleOnly(long id, VehicleDescription vehicle, UsState state) {
        return new HotlistEntry(id, "custom", "", state, vehicle, "Department BOLO");
    }

    private static HotlistIndex index(HotlistEntry... entries) {
        return HotlistIndex.build(List.of(entries));
    }

    @Test
    void aMatchingDescriptionIsAVehicleMatchNeverAPlainHit() {
        HotlistIndex index = index(vehicleOnly(1, WHITE_FORD_F150, null));

        assertThat(index.match("8XYZ999", CA, VehicleDescription.of(" ford ", "f-150", "WHITE")))
                .singleElement()
                .satisfies(m -> {
                    assertThat(m.kind()).isEqualTo(MatchKind.VEHICLE);
                    assertThat(m.isPlainHit()).isFalse();
                    assertThat(m.state()).isEqualTo(StateAgreement.ENTRY_ANY_STATE);
                    assertThat(m.entry().isVehicleOnly()).isTrue();
                    assertThat(m.entry().isPartial()).isFalse();
                });
    }

    @Test
    void everyAttributeTheEntryGivesMustBeOnTheReadAndEqual() {
        HotlistIndex index = index(vehicleOnly(1, VehicleDescription.of("Ford", null, "White"), null));

        assertThat(index.match("8XYZ999", CA, VehicleDescription.of("Ford", "Focus", "White")))
                .hasSize(1);
        assertThat(index.match("8XYZ999", CA, VehicleDescription.of("Ford", null, "Red")))
                .isEmpty();
        assertThat(index.match("8XYZ999", CA, VehicleDescription.of("Ford", "F-150", null)))
                .isEmpty();
        assertThat(index.match("8XYZ999", CA, VehicleDescription.of(null, null, "White")))
                .isEmpty();
        assertThat(index.match("8XYZ999", CA, VehicleDescription.of("Ford", "F-150", " ")))
                .isEmpty();
    }

    @Test
    void readsWithoutADescriptionNeverMatchAndThePlateOnlyMatchIgnoresVehicleEntries() {
        HotlistIndex index = index(vehicleOnly(1, WHITE_FORD_F150, null));

        assertThat(index.match("8XYZ999", CA, null)).isEmpty();
        assertThat(index.match("8XYZ999", CA, VehicleDescription.UNKNOWN)).isEmpty();
        assertThat(index.match("8XYZ999", CA)).isEmpty();
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void theStateAgreementIsReportedButDoesNotDecideTheMatch() {
        HotlistIndex index = index(vehicleOnly(1, WHITE_FORD_F150, CA));

        assertThat(index.match("8XYZ999", CA, WHITE_FORD_F150))
                .extracting(HotlistMatch::state)
                .containsExactly(StateAgreement.SAME);
        assertThat(index.match("8XYZ999", NV, WHITE_FORD_F150))
                .extracting(HotlistMatch::state)
                .containsExactly(StateAgreement.DIFFERENT);
        assertThat(index.match("8XYZ999", null, WHITE_FORD_F150))
                .extracting(HotlistMatch::state)
                .containsExactly(StateAgreement.READ_HAS_NO_STATE);
    }

    @Test
    void vehicleMatchesComeAfterPlateMatches() {
        HotlistIndex index = index(
                vehicleOnly(1, WHITE_FORD_F150, null),
                new HotlistEntry(2, "svs", "8XYZ999", CA, "stolen vehicle"),
                new HotlistEntry(3, "custom", "8XY*", null, "BOLO"));

        assertThat(index.match("8XYZ999", CA, WHITE_FORD_F150))
                .extracting(m -> m.entry().id(), HotlistMatch::kind)
                .containsExactly(
                        tuple(2L, MatchKind.EXACT), tuple(3L, MatchKind.PARTIAL), tuple(1L, MatchKind.VEHICLE));
        assertThat(MatchKind.VEHICLE).isGreaterThan(MatchKind.PARTIAL);
    }

    @Test
    void aPlateEntryIsNeverMatchedOnItsDescription() {
        HotlistIndex index = index(new HotlistEntry(1, "svs", "7ABC123", CA, WHITE_FORD_F150, "stolen"));

        assertThat(index.match("8XYZ999", CA, WHITE_FORD_F150)).isEmpty();
    }

    @Test
    void anEntryWithoutAPlateNeedsTwoAttributes() {
        assertThatThrownBy(() -> vehicleOnly(1, VehicleDescription.of(null, null, "White"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 2");
        assertThatThrownBy(() -> vehicleOnly(1, VehicleDescription.of("Ford", " ", null), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> vehicleOnly(1, VehicleDescription.UNKNOWN, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(vehicleOnly(1, VehicleDescription.of("Ford", null, "White"), null)
                        .isVehicleOnly())
                .isTrue();
    }

    @Test
    void theDescriptionStaysOutOfTheEntrysStringForm() {
        assertThat(vehicleOnly(7, WHITE_FORD_F150, null).toString())
                .doesNotContain("Ford")
                .contains("7");
    }
}
