package org.platewatch.recognition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlateReadVoteTest {

    private static PlateSyntax.Resolved read(String plate, double conf) {
        return PlateSyntax.resolve(Reads.of(plate, conf));
    }

    @Test
    void theTextMostCropsAgreeOnWins() {
        var result = PlateReadVote.vote(List.of(read("7ABC123", 0.8), read("7ABC128", 0.95), read("7ABC123", 0.8)));
        assertThat(result).get().extracting(PlateReadVote.Result::plate).isEqualTo("7ABC123");
        assertThat(result.get().votes()).isEqualTo(2);
    }

    @Test
    void agreementRaisesConfidence() {
        double unanimous = PlateReadVote.vote(List.of(read("7ABC123", 0.9), read("7ABC123", 0.9)))
                .orElseThrow()
                .confidence();
        double split = PlateReadVote.vote(List.of(read("7ABC123", 0.9), read("7ABC12", 0.5)))
                .orElseThrow()
                .confidence();
        assertThat(unanimous).isGreaterThan(split);
        assertThat(unanimous).isBetween(0.0, 1.0);
    }

    @Test
    void perCharacterConfidencesAverageTheAgreeingReads() {
        var result = PlateReadVote.vote(List.of(read("ABC123", 0.8), read("ABC123", 0.6)))
                .orElseThrow();
        assertThat(result.charConfidences())
                .containsExactly(
                        new double[] {0.7, 0.7, 0.7, 0.7, 0.7, 0.7}, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void nothingReadableGivesNoResult() {
        assertThat(PlateReadVote.vote(List.of(read("A", 0.9)))).isEmpty();
        assertThat(PlateReadVote.vote(List.of())).isEmpty();
    }
}
