package org.platewatch.server.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The arithmetic of the review's rules, on plain counts (the flags themselves: SearchAnomaliesApiTest). */
class SearchAnomaliesTest {

    @Test
    void theRareHoursAreTheLeastUsedWhileTheyHoldUnderTheShareAndTiesGoTogether() {
        int[] evenly = new int[24];
        for (int hour = 8; hour < 20; hour++) {
            evenly[hour] = 1;
        }
        assertThat(SearchAnomalies.rareHours(evenly, 12, 10))
                .as("an even day has no rare hour")
                .isEmpty();

        int[] office = hours(9, 10, 10, 10, 11, 9, 3, 1);
        assertThat(SearchAnomalies.rareHours(office, 30, 10)).containsExactly(3);

        // two hours of one search each: together 2 of 12 (17 %), so neither, whichever comes first
        int[] tied = hours(9, 10, 3, 1, 22, 1);
        assertThat(SearchAnomalies.rareHours(tied, 12, 10)).isEmpty();
        int[] tiedBusier = hours(9, 28, 3, 1, 22, 1);
        assertThat(SearchAnomalies.rareHours(tiedBusier, 30, 10)).containsExactly(3, 22);

        // the next level would pass the share: 1 of 23 is rare, 1 + 2 of 23 (13 %) is not
        int[] levels = hours(9, 20, 3, 1, 4, 2);
        assertThat(SearchAnomalies.rareHours(levels, 23, 10)).containsExactly(3);
        // exactly the share is not under it
        assertThat(SearchAnomalies.rareHours(hours(9, 9, 3, 1), 10, 10)).isEmpty();
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(SearchAnomalies.median(List.of(2, 3, 7))).isEqualTo(3.0);
        assertThat(SearchAnomalies.median(List.of(2, 3, 7, 19))).isEqualTo(5.0);
        assertThat(SearchAnomalies.median(List.of(4))).isEqualTo(4.0);
    }

    @Test
    void aReasonOfGeneralWordsOnlyMatchesAndOneWithARealWordDoesNot() {
        // the same expression PostgreSQL applies; Java's syntax agrees for this alternation
        Pattern general = Pattern.compile(SearchAnomalies.GENERAL_WORDS_ONLY);
        assertThat(general.matcher("follow up on the case investigation per request")
                        .matches())
                .isTrue();
        assertThat(general.matcher("n a").matches()).isTrue();
        assertThat(general.matcher("investigation of a stolen vehicle").matches())
                .isFalse();
        assertThat(general.matcher("casework").matches()).as("whole words only").isFalse();
    }

    private static int[] hours(int... hourAndCount) {
        int[] h = new int[24];
        for (int i = 0; i < hourAndCount.length; i += 2) {
            h[hourAndCount[i]] = hourAndCount[i + 1];
        }
        return h;
    }
}
