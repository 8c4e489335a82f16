package org.platewatch.plate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlateTextTest {

    @Test
    void normalisesCaseSpacesAndDashes() {
        assertThat(PlateText.normalise(" 7abc-123 ")).isEqualTo("7ABC123");
        assertThat(PlateText.normalise("ab·12.3")).isEqualTo("AB123");
        assertThat(PlateText.normalise(null)).isEmpty();
    }

    @Test
    void plausibleMeansOneToTenCharacters() {
        assertThat(PlateText.isPlausible("7ABC123")).isTrue();
        assertThat(PlateText.isPlausible(" - ")).isFalse();
        assertThat(PlateText.isPlausible("ABCDEFGHIJK")).isFalse();
    }

    @Test
    void statesParseFromCodes() {
        assertThat(UsState.fromCode("ca")).contains(UsState.CA);
        assertThat(UsState.fromCode("XX")).isEmpty();
        assertThat(PlateText.regionCode("CA")).isEqualTo("us-ca");
    }
}
