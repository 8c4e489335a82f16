package org.platewatch.recognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CtcTest {

    @Test
    void lossOfACertainPathIsZeroAndOfAnImpossibleOneIsUndefined() {
        // 3 classes (blank, a, b), steps: a, blank, b with probability ~1
        float[] z = {0, 50, 0, 50, 0, 0, 0, 0, 50};
        float[] grad = new float[9];
        assertThat(Ctc.lossAndGradient(z, 3, 3, new int[] {1, 2}, grad)).isCloseTo(0, within(1e-6));
        // "aa" needs a blank between the two a's: 3 steps at least
        assertThat(Ctc.lossAndGradient(new float[6], 2, 3, new int[] {1, 1}, new float[6]))
                .isNaN();
    }

    @Test
    void lossSumsEveryPathThatCollapsesToTheLabel() {
        // uniform outputs over 2 classes (blank, a) for 2 steps: paths a-, -a, aa give "a": 3 of 4
        float[] grad = new float[4];
        double loss = Ctc.lossAndGradient(new float[4], 2, 2, new int[] {1}, grad);
        assertThat(loss).isCloseTo(-Math.log(0.75), within(1e-9));
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        Random random = new Random(7);
        int steps = 9;
        int classes = 5;
        float[] z = new float[steps * classes];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) random.nextGaussian();
        }
        int[] label = {2, 2, 4, 1};
        float[] grad = new float[z.length];
        Ctc.lossAndGradient(z, steps, classes, label, grad);
        float[] scratch = new float[z.length];
        double h = 1e-3;
        for (int i = 0; i < z.length; i++) {
            float keep = z[i];
            z[i] = (float) (keep + h);
            double up = Ctc.lossAndGradient(z, steps, classes, label, scratch);
            z[i] = (float) (keep - h);
            double down = Ctc.lossAndGradient(z, steps, classes, label, scratch);
            z[i] = keep;
            assertThat(grad[i]).as("d loss / d z[%d]", i).isCloseTo((float) ((up - down) / (2 * h)), within(2e-3f));
        }
    }
}
