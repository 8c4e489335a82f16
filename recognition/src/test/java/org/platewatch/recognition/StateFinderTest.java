package org.platewatch.recognition;

import org.junit.jupiter.api.Test;
import org.platewatch.plate.UsState;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StateFinderTest {

    @Test
    void readsTheStateName() {
        assertThat(StateFinder.fromText("California")).contains(UsState.CA);
        assertThat(StateFinder.fromText("NEW YORK")).contains(UsState.NY);
    }

    @Test
    void toleratesASlightMisread() {
        assertThat(StateFinder.fromText("Califomia")).contains(UsState.CA);
        assertThat(StateFinder.fromText("LOUISIAN")).contains(UsState.LA);
    }

    @Test
    void longerNamesWinOverTheNamesInsideThem() {
        assertThat(StateFinder.fromText("WEST VIRGINIA")).contains(UsState.WV);
        assertThat(StateFinder.fromText("ARKANSAS")).contains(UsState.AR);
    }

    @Test
    void readsSlogansAndAddresses() {
        assertThat(StateFinder.fromText("dmv.ca.gov")).contains(UsState.CA);
        assertThat(StateFinder.fromText("Sunshine State")).contains(UsState.FL);
        assertThat(StateFinder.fromText("Land of Lincoln")).contains(UsState.IL);
    }

    @Test
    void saysNothingWhenNothingNamesAState() {
        assertThat(StateFinder.fromText("7ABC123")).isEmpty();
        assertThat(StateFinder.fromText("TOYOTA OF BERKELEY")).isEmpty();
        assertThat(StateFinder.find(List.of("", "12"))).isEmpty();
    }

    @Test
    void saysNothingWhenTheTextsDisagree() {
        assertThat(StateFinder.find(List.of("TEXAS", "OHIO"))).isEmpty();
        assertThat(StateFinder.find(List.of("TEXAS", "the Lone Star State"))).contains(UsState.TX);
    }
}
