package org.platewatch.recognition;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlateSyntaxTest {

    @Test
    void letterOInADigitPositionBecomesZero() {
        // California 1ABC234: positions 5-7 are digits, so an O the reader half doubts is a zero.
        LineRead read = Reads.withRunnerUp("5LTA6O0", 0.95, 5, 0.6, '0', 0.3);
        assertThat(PlateSyntax.resolve(read).plate()).isEqualTo("5LTA600");
    }

    @Test
    void digitsInLetterPositionsBecomeLetters() {
        assertThat(PlateSyntax.resolve(Reads.withRunnerUp("A8C1234", 0.95, 1, 0.6, 'B', 0.2))
                        .plate())
                .isEqualTo("ABC1234");
        assertThat(PlateSyntax.resolve(Reads.withRunnerUp("7A5C123", 0.95, 2, 0.5, 'S', 0.3))
                        .plate())
                .isEqualTo("7ASC123");
    }

    @Test
    void aLookalikeTheReaderGaveNoWeightIsNotSwappedIn() {
        // Formats only settle characters the reader doubts; a confident 8 stays an 8.
        assertThat(PlateSyntax.resolve(Reads.of("A8C1234", 0.95)).plate()).isEqualTo("A8C1234");
    }

    @Test
    void runnerUpWithEvidenceWinsOverALookalikeFloor() {
        // The reader's own second choice (Z, 0.2) fits the format: it is taken.
        LineRead read = Reads.withRunnerUp("A2C123", 0.95, 1, 0.7, 'Z', 0.2);
        assertThat(PlateSyntax.resolve(read).plate()).isEqualTo("AZC123");
    }

    @Test
    void theHomeStatesFormatWinsADoubtfulFirstCharacter() {
        // S (0.6) or 5 (0.1): 1ABCS34 fits no format. With only the common formats' bonus,
        // dropping the doubtful S (1ABC34 fits) scores higher than the little support for 5;
        // with the home state's bonus, California's 1ABC534 wins.
        LineRead read = Reads.withRunnerUp("1ABCS34", 0.95, 4, 0.6, '5', 0.1);
        java.util.Set<String> california = PlateSyntax.HOME_FORMATS.get("ca");

        assertThat(PlateSyntax.resolve(read).plate()).isEqualTo("1ABC34");
        assertThat(PlateSyntax.resolve(read, california).plate()).isEqualTo("1ABC534");
        // A confident reading that fits another format is not forced into California's.
        assertThat(PlateSyntax.resolve(Reads.of("BDJ0529", 0.95), california).plate())
                .isEqualTo("BDJ0529");
    }

    @Test
    void anIOrZWhereTheLayoutNeedsADigitIsOneZeroOrTwo() {
        // Missouri AB1C2D: the reader is sure of an I (0.88) and gives the 1 little (0.04).
        assertThat(PlateSyntax.resolve(Reads.withRunnerUp("MJ3RIV", 0.95, 4, 0.88, '1', 0.04))
                        .plate())
                .isEqualTo("MJ3R1V");
        // Illinois A123456, read with a Z the plate font draws like its 2; the 2 got almost nothing.
        assertThat(PlateSyntax.resolve(Reads.withRunnerUp("R8Z0503", 0.95, 2, 0.93, '2', 0.01))
                        .plate())
                .isEqualTo("R820503");
        // An O in a digit place is a zero even when the reader saw no zero at all.
        assertThat(PlateSyntax.resolve(Reads.of("ABC12O4", 0.95)).plate()).isEqualTo("ABC1204");
    }

    @Test
    void aDigitIsNotMadeALetterByTheSameRule() {
        // 9638IA would fit a layout (123-4AB), but the rule runs only from letter to digit.
        assertThat(PlateSyntax.resolve(Reads.withRunnerUp("96381A", 0.95, 4, 0.9, 'I', 0.02))
                        .plate())
                .isEqualTo("96381A");
        // Utah's Z12 3AB keeps its Z: the layout wants a letter there.
        assertThat(PlateSyntax.resolve(Reads.of("Z822AA", 0.95)).plate()).isEqualTo("Z822AA");
        // Nor is a letter with no digit look-alike (M) changed.
        assertThat(PlateSyntax.resolve(Reads.of("ABC12M4", 0.95)).plate()).isEqualTo("ABC12M4");
    }

    @Test
    void aLetterWhereTheHomeLayoutNeedsADigitIsItsLookalikeDigit() {
        // California 1ABC234 with its open-topped 4 read as L (0.89), the 4 given 0.02.
        LineRead read = Reads.withRunnerUp("LGLS168", 0.95, 0, 0.89, '4', 0.02);
        java.util.Set<String> california = PlateSyntax.HOME_FORMATS.get("ca");

        assertThat(PlateSyntax.resolve(read, california).plate()).isEqualTo("4GLS168");
        // Without a home state the reader's L stands (another state may issue LGLS168).
        assertThat(PlateSyntax.resolve(read).plate()).isEqualTo("LGLS168");
    }

    @Test
    void theReadersOwnWeightDecidesBetweenLookalikesOnTheSameFloor() {
        // L looks like both 1 and 4; both get the home floor, and the reader saw more of a 4.
        LineRead read = Reads.withRunnerUp("LGLS168", 0.95, 0, 0.89, '4', 0.02);
        read.charProbs()[0][PlateSymbols.index('1')] = 0.01;
        assertThat(PlateSyntax.resolve(read, PlateSyntax.HOME_FORMATS.get("ca")).plate())
                .isEqualTo("4GLS168");
        read.charProbs()[0][PlateSymbols.index('1')] = 0.03;
        assertThat(PlateSyntax.resolve(read, PlateSyntax.HOME_FORMATS.get("ca")).plate())
                .isEqualTo("1GLS168");
    }

    @Test
    void otherStatesCountyLayoutsAreNotTakenForTheHomeStates() {
        // Alabama 1A2345B: the final letter could be a 4 of California's 1A23456, but the
        // Alabama layout is a layout of its own.
        assertThat(PlateSyntax.resolve(Reads.of("6A5730A", 0.95), PlateSyntax.HOME_FORMATS.get("ca"))
                        .plate())
                .isEqualTo("6A5730A");
    }

    @Test
    void californiasOpenFourAndTheLetterLAreLookalikes() {
        assertThat(PlateSyntax.lookalike('L', '4')).isTrue();
        assertThat(PlateSyntax.lookalike('B', '5')).isTrue();
        assertThat(PlateSyntax.lookalike('L', '7')).isFalse();
    }

    @Test
    void aConfidentVanityPlateIsLeftAlone() {
        assertThat(PlateSyntax.resolve(Reads.of("GOLFER", 0.99)).plate()).isEqualTo("GOLFER");
        assertThat(PlateSyntax.resolve(Reads.of("CEMENTO", 0.99)).plate()).isEqualTo("CEMENTO");
    }

    @Test
    void twoSwapsWithoutEvidenceAreNotMade() {
        // Fits no format; making it fit would need several swaps the reader gives no support for.
        assertThat(PlateSyntax.resolve(Reads.of("ABCDEF1", 0.99)).plate()).isEqualTo("ABCDEF1");
    }

    @Test
    void anEmblemReadAsAnExtraCharacterIsDropped() {
        // Missouri AB1-C2D with the state outline between the groups read as a doubtful 'D'.
        LineRead read = Reads.withRunnerUp("HK0DE7C", 0.95, 3, 0.4, 'O', 0.1);
        assertThat(PlateSyntax.resolve(read).plate()).isEqualTo("HK0E7C");
    }

    @Test
    void aConfidentCharacterIsNotDropped() {
        assertThat(PlateSyntax.resolve(Reads.of("ABC1234", 0.99)).plate()).isEqualTo("ABC1234");
    }

    @Test
    void perCharacterConfidencesFollowTheResolvedText() {
        PlateSyntax.Resolved r = PlateSyntax.resolve(Reads.of("ABC1234", 0.9));
        assertThat(r.charConfidences()).containsExactly(0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9);
    }

    @Test
    void textNoPlateCarriesIsNotPlausible() {
        assertThat(PlateSyntax.plausibility("CALIFORNIA")).isZero();
        assertThat(PlateSyntax.plausibility("NEWYORK")).isZero();
        assertThat(PlateSyntax.plausibility("LUISIANA")).isZero(); // a misread state name
        assertThat(PlateSyntax.plausibility("SUNSHINE")).isZero();
        assertThat(PlateSyntax.plausibility("AUG98")).isZero(); // a registration sticker
        assertThat(PlateSyntax.plausibility("20140513072513")).isZero(); // too long
        assertThat(PlateSyntax.plausibility("A")).isZero();
    }

    @Test
    void serialsRankAboveWordsAndBareNumbers() {
        double serial = PlateSyntax.plausibility("7ABC123");
        assertThat(serial).isEqualTo(1.0);
        assertThat(PlateSyntax.plausibility("STORAGE")).isLessThan(serial / 2);
        assertThat(PlateSyntax.plausibility("12")).isLessThan(serial / 2);
        assertThat(PlateSyntax.plausibility("1049338")).isLessThan(serial).isGreaterThan(0);
    }

    @Test
    void cameraTimeStampsAreRecognised() {
        assertThat(PlateSyntax.looksLikeTimestamp("2014-05-13 07:25:13")).isTrue();
        assertThat(PlateSyntax.looksLikeTimestamp("07:02:06")).isTrue();
        assertThat(PlateSyntax.looksLikeTimestamp("2014-05")).isTrue();
        assertThat(PlateSyntax.looksLikeTimestamp("7ABC123")).isFalse();
        assertThat(PlateSyntax.looksLikeTimestamp("ABC-1234")).isFalse();
        assertThat(PlateSyntax.looksLikeTimestamp("12:30")).isTrue();
        // A bolt between a plate's character groups read as a colon: no clock time has 4 minute digits.
        assertThat(PlateSyntax.looksLikeTimestamp("A04:1237")).isFalse();
    }

    @Test
    void lookalikesAreSymmetric() {
        assertThat(PlateSyntax.lookalike('O', '0')).isTrue();
        assertThat(PlateSyntax.lookalike('0', 'O')).isTrue();
        assertThat(PlateSyntax.lookalike('B', '8')).isTrue();
        assertThat(PlateSyntax.lookalike('A', 'B')).isFalse();
    }
}
