package org.platewatch.recognition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.platewatch.plate.UsState;

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
        // a month sticker beside Washington state's name is another word, not the District's D.C.
        assertThat(StateFinder.fromText("WASHINGTON DEC")).contains(UsState.WA);
        assertThat(StateFinder.fromText("WASHINGTON OCT")).contains(UsState.WA);
    }

    @Test
    void aNameInsideALongerOneThatLostALetterIsTheLongerOne() {
        assertThat(StateFinder.fromText("7'Akansas97")).contains(UsState.AR);
        assertThat(StateFinder.fromText("KANSAS")).contains(UsState.KS);
        assertThat(StateFinder.fromText("VIRGINIA")).contains(UsState.VA);
        // letters of another word do not make the longer name
        assertThat(StateFinder.fromText("A KANSAS")).contains(UsState.KS);
        assertThat(StateFinder.fromText("SEP·VIRGINIA")).contains(UsState.VA);
        // nearer West Virginia than Virginia alone, but three letters off: neither
        assertThat(StateFinder.fromText("WVIRGINIA")).isEmpty();
        // a slogan of the same state around the name only confirms it
        assertThat(StateFinder.fromText("HOME ALABAMA")).contains(UsState.AL);
    }

    @Test
    void theLongestPrintWinsWhenSlogansHoldOtherStatesSlogans() {
        // GARDENSTATE is New Jersey's, MOUNTAINSTATE West Virginia's
        assertThat(StateFinder.fromText("PEACE GARDEN STATE")).contains(UsState.ND);
        assertThat(StateFinder.fromText("GREEN MOUNTAIN STATE")).contains(UsState.VT);
        assertThat(StateFinder.fromText("GREAT LAKES")).contains(UsState.MI);
        assertThat(StateFinder.fromText("VIRGIN ISLANDS")).contains(UsState.VI);
    }

    @Test
    void wordsThatMerelyShareMostOfANamesLettersNameNoState() {
        assertThat(StateFinder.fromText("MEXICO")).isEmpty();
        assertThat(StateFinder.fromText("MARINES")).isEmpty();
        assertThat(StateFinder.fromText("MAIN")).isEmpty();
        assertThat(StateFinder.fromText("PERMISSION APPLIES")).isEmpty();
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
        assertThat(StateFinder.fromText("ADMISSION APPROVED")).isEmpty();
    }

    @Test
    void fourLetterNamesOnlyInAShortBand() {
        assertThat(StateFinder.fromText("JowA")).contains(UsState.IA);
        assertThat(StateFinder.fromText("FlowA")).contains(UsState.IA);
        assertThat(StateFinder.fromText("CTAHC")).contains(UsState.UT);
        assertThat(StateFinder.fromText("JOWANSTREET")).isEmpty();
        // a word sharing most of a short name's letters is not that name
        assertThat(StateFinder.fromText("Wremine")).isEmpty();
        assertThat(StateFinder.fromText("MINE")).isEmpty();
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
