package org.platewatch.recognition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SamePlateRuleTest {

    private static PlateCandidate candidate(String plate, double confidence, int x, int y, int w, int h) {
        double[] perChar = new double[plate.length()];
        java.util.Arrays.fill(perChar, confidence);
        return PlateCandidate.of(plate, confidence, null, new PlateBox(x, y, w, h), perChar);
    }

    @Test
    void aSmallLineStackedOnTheSerialLosesToIt() {
        PlateCandidate serial = candidate("2A9043J", 0.6, 100, 100, 200, 60);
        PlateCandidate slogan = candidate("SAF11", 0.9, 120, 170, 150, 25);

        List<PlateCandidate> out = SamePlateRule.apply(List.of(slogan, serial));

        assertThat(out.get(1)).isEqualTo(serial);
        double shortfall = 25 * 1.2 / 60.0;
        assertThat(out.get(0).confidence())
                .isCloseTo(0.9 * shortfall * shortfall, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(out.get(0).confidence()).isLessThan(serial.confidence());
    }

    @Test
    void linesOfSimilarHeightOrOnDifferentPlatesKeepTheirConfidence() {
        PlateCandidate a = candidate("ABC123", 0.7, 100, 100, 200, 60);
        PlateCandidate similar = candidate("ABC128", 0.8, 100, 105, 190, 55);
        PlateCandidate elsewhere = candidate("XYZ789", 0.9, 900, 100, 100, 20);

        List<PlateCandidate> out = SamePlateRule.apply(List.of(a, similar, elsewhere));

        assertThat(out).containsExactly(a, similar, elsewhere);
    }

    @Test
    void confidenceFallsContinuouslyAsALineGetsShorter() {
        PlateCandidate serial = candidate("ABC1234", 0.6, 100, 100, 200, 60);
        double previous = 1;
        for (int h = 60; h >= 20; h -= 1) {
            double c = SamePlateRule.apply(List.of(serial, candidate("SLOGAN1", 0.9, 110, 170, 150, h)))
                    .get(1)
                    .confidence();
            assertThat(c).isLessThanOrEqualTo(previous + 1e-12);
            assertThat(previous - c).as("no jump at height %d", h).isLessThan(0.1);
            previous = c;
        }
    }

    @Test
    void samePlateNeedsOverlappingColumnsAndNearbyRows() {
        assertThat(SamePlateRule.samePlate(new PlateBox(0, 0, 100, 30), new PlateBox(20, 40, 60, 10)))
                .isTrue();
        assertThat(SamePlateRule.samePlate(new PlateBox(0, 0, 100, 30), new PlateBox(90, 40, 60, 10)))
                .isFalse();
        assertThat(SamePlateRule.samePlate(new PlateBox(0, 0, 100, 30), new PlateBox(0, 200, 100, 10)))
                .isFalse();
    }
}
