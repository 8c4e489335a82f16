package org.platewatch.plate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UsStateTest {

    @Test
    void aRegionNamesAStateWithOrWithoutTheCountryPrefix() {
        assertThat(UsState.fromRegion("us-ca")).contains(UsState.CA);
        assertThat(UsState.fromRegion("US-NV")).contains(UsState.NV);
        assertThat(UsState.fromRegion("ca")).contains(UsState.CA);
        assertThat(UsState.fromRegion(" tx ")).contains(UsState.TX);
    }

    @Test
    void anythingElseIsUnknownNotGuessed() {
        assertThat(UsState.fromRegion(null)).isEmpty();
        assertThat(UsState.fromRegion("")).isEmpty();
        assertThat(UsState.fromRegion("mx-bc")).isEmpty();
        assertThat(UsState.fromRegion("us-")).isEmpty();
        assertThat(UsState.fromRegion("xx")).isEmpty();
        assertThat(UsState.fromRegion("california")).isEmpty();
    }
}
