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
    void toleratesASlipInsideOtherPrintAndInSlogans() {
        // Real reads of us-crops/ bands: an emblem or a dot beside the name, a letter lost in a slogan.
        assertThat(StateFinder.fromText("W·ARIKONA·品")).contains(UsState.AZ);
        assertThat(StateFinder.fromText("TAXATIONWTHOUTREPRESENTION")).contains(UsState.DC);
        assertThat(StateFinder.fromText("NoV America'sDaiyland03")).contains(UsState.WI);
        assertThat(StateFinder.fromText("MNORTHCAROHNA")).contains(UsState.NC);
    }

    @Test
    void theDistrictPrintsWashingtonAndIsNotWashingtonState() {
        assertThat(StateFinder.fromText("WASHINGTON,DC")).contains(UsState.DC);
        assertThat(StateFinder.fromText("Washingon,D.C.")).contains(UsState.DC);
        assertThat(StateFinder.fromText("WASHINGTONOC")).contains(UsState.DC);
        assertThat(StateFinder.fromText("WASHINGTON")).contains(UsState.WA);
    }

    @Test
    void aNameInsideALongerOneThatLostALetterIsTheLongerOne() {
        assertThat(StateFinder.fromText("Akansas")).contains(UsState.AR);
        assertThat(StateFinder.fromText("KANSAS")).contains(UsState.KS);
        assertThat(StateFinder.fromText("VIRGINIA")).contains(UsState.VA);
        // a sticker's month before VIRGINIA: as near West Virginia as Virginia, so neither
        assertThat(StateFinder.fromText("SEP·VIRGINIA")).isEmpty();
        // a slogan of the same state around the name only confirms it
        assertThat(StateFinder.fromText("HOME ALABAMA")).contains(UsState.AL);
    }

    @Test
    void halfOfATwoWordNameThatOnlyOneStateHas() {
        assertThat(StateFinder.fromText(".HAMPSHIRE -E")).contains(UsState.NH);
        assertThat(StateFinder.fromText("NEW JERSEY")).contains(UsState.NJ);
    }

    @Test
    void scriptNamesReadLooselyStillCount() {
        // California's and Illinois' names are printed in script, which OCR slips on more.
        assertThat(StateFinder.fromText("Calitomia")).contains(UsState.CA);
        assertThat(StateFinder.fromText("DEC Calilorma")).contains(UsState.CA);
        assertThat(StateFinder.fromText("uinois")).contains(UsState.IL);
        assertThat(StateFinder.fromText("linoiso")).contains(UsState.IL);
        assertThat(StateFinder.fromText("LINENS")).isEmpty();
    }

    @Test
    void mississippiWithItsRunsOfSAndPMerged() {
        assertThat(StateFinder.fromText("·MISPPI·")).contains(UsState.MS);
        assertThat(StateFinder.fromText("·MISYSSPP·")).contains(UsState.MS);
        assertThat(StateFinder.fromText("MISSPELLED")).isEmpty();
    }

    @Test
    void fourLetterNamesOnlyInAShortBand() {
        assertThat(StateFinder.fromText("JowA")).contains(UsState.IA);
        assertThat(StateFinder.fromText("FlowA")).contains(UsState.IA);
        assertThat(StateFinder.fromText("CTAHC")).contains(UsState.UT);
        assertThat(StateFinder.fromText("JOWANSTREET")).isEmpty();
        // a word sharing most of a short name's letters is not that name
        assertThat(StateFinder.fromText("Wremine")).isEmpty();
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
