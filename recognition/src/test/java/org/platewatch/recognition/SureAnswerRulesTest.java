package org.platewatch.recognition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules that let a photo read surely skip work: one close-up for a lone sure plate, the coarse look's answer kept. */
class SureAnswerRulesTest {

    private static final Settings ONE_WHEN_SURE = settings(0.5, 1);

    @Test
    void aLoneSurePlateIsReadCloseUpAlone() {
        // plausibility x confidence 0.95 (sure) against a sticker's 0.3
        List<CandidateReader.Glance> glances = List.of(glance(0.95 * 0.8, 0.8), glance(0.3 * 0.6, 0.6));
        assertThat(Recognizer.closeUpCount(glances, ONE_WHEN_SURE)).isEqualTo(1);
        assertThat(Recognizer.closeUpCount(glances.subList(0, 1), ONE_WHEN_SURE))
                .isEqualTo(1);
        assertThat(Settings.defaults().closeUpsWhenSure()).isEqualTo(1);
    }

    @Test
    void twoSurePlatesOrAnUnsureBestKeepBothCloseUps() {
        // another car's plate read as surely: which one is the answer is for the close-ups to say
        assertThat(Recognizer.closeUpCount(List.of(glance(0.95 * 0.8, 0.8), glance(0.92 * 0.5, 0.5)), ONE_WHEN_SURE))
                .isEqualTo(2);
        assertThat(Recognizer.closeUpCount(List.of(glance(0.85 * 0.8, 0.8), glance(0.3 * 0.5, 0.5)), ONE_WHEN_SURE))
                .isEqualTo(2);
        // the setting at its default (2) reads both whatever the glances
        assertThat(Recognizer.closeUpCount(List.of(glance(0.95 * 0.8, 0.8), glance(0.3, 0.6)), settings(0.5, 2)))
                .isEqualTo(2);
    }

    @Test
    void theCoarseAnswerIsKeptOnlyWhenSureAndPlacedLikeAPlate() {
        List<PlateCandidate> sure = List.of(candidate(0.99));
        List<CandidateReader.Glance> wellPlaced = List.of(glance(0.7, 0.9), glance(0.1, 0.2));
        List<CandidateReader.Glance> onlyAtTheEdge = List.of(glance(0.196, 0.198));
        assertThat(Recognizer.keepsCoarseAnswer(sure, wellPlaced, ONE_WHEN_SURE))
                .isTrue();
        // wts-lg-000148: the far car's plate read at 0.99 in the top strip, placement 0.2
        assertThat(Recognizer.keepsCoarseAnswer(sure, onlyAtTheEdge, ONE_WHEN_SURE))
                .isFalse();
        assertThat(Recognizer.keepsCoarseAnswer(List.of(candidate(0.85)), wellPlaced, ONE_WHEN_SURE))
                .isFalse();
        assertThat(Recognizer.keepsCoarseAnswer(List.of(), wellPlaced, ONE_WHEN_SURE))
                .isFalse();
        // coarsePlacement 0: any placement
        assertThat(Recognizer.keepsCoarseAnswer(sure, onlyAtTheEdge, settings(0, 1)))
                .isTrue();
    }

    private static Settings settings(double coarsePlacement, int closeUpsWhenSure) {
        Settings d = Settings.defaults();
        return d.with(c -> {
            c.closeUps = 2;
            c.coarseMaxSide = 800;
            c.coarseAccept = 0.9;
            c.coarsePlacement = coarsePlacement;
            c.closeUpsWhenSure = closeUpsWhenSure;
        });
    }

    private static CandidateReader.Glance glance(double score, double placement) {
        return new CandidateReader.Glance(
                new TextBox(10, 10, 80, 20, 0.9),
                new LineRead("ABC1234", "ABC1234", new double[0][]),
                score,
                placement);
    }

    private static PlateCandidate candidate(double confidence) {
        return PlateCandidate.of(
                "ABC1234", confidence, null, new PlateBox(10, 10, 80, 20), new double[] {1, 1, 1, 1, 1, 1, 1});
    }
}
