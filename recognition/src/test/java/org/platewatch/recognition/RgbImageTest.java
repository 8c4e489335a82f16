package org.platewatch.recognition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RgbImageTest {

    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};

    /**
     * The taps computed once per row and column must give the tensor the per-pixel sampling gave,
     * to the bit: the models were tuned on it, and a last-bit change moves reads on us/.
     */
    @Test
    void tensorIsTheSameToTheBitAsSamplingEachPixelOnItsOwn() {
        Random random = new Random(7);
        int w = 97, h = 61;
        int[] rgb = new int[w * h];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = random.nextInt(1 << 24);
        }
        RgbImage img = new RgbImage(w, h, rgb);
        double[][] cases = {
            {0, 0, w, h, 64, 32}, // shrinking by 1.5-2x: box averaging of 2 x 2 samples
            {0, 0, w, h, 32, 32}, // 3 x 2 samples
            {10.3, 5.7, 20.2, 9.9, 160, 48}, // enlarging a crop, as for the reader
            {-6.5, -3.2, w + 13, h + 8, 96, 64}, // reaching outside the image: edges repeat
        };
        for (double[] c : cases) {
            int dw = (int) c[4], dh = (int) c[5];
            float[] fast = img.toTensor(c[0], c[1], c[2], c[3], dw, dh, MEAN, STD);
            float[] reference = perPixel(img, c[0], c[1], c[2], c[3], dw, dh);
            assertThat(fast).as("case %s x %s", dw, dh).containsExactly(reference);
        }
    }

    /** The sampling as it was written before the taps were precomputed (one bilinear sample at a time). */
    private static float[] perPixel(RgbImage img, double sx, double sy, double sw, double sh, int dw, int dh) {
        float[] out = new float[3 * dw * dh];
        int plane = dw * dh;
        double fx = sw / dw;
        double fy = sh / dh;
        int nx = Math.max(1, Math.min(4, (int) Math.round(fx)));
        int ny = Math.max(1, Math.min(4, (int) Math.round(fy)));
        float inv = 1f / (nx * ny * 255f);
        float[] acc = new float[3];
        for (int y = 0; y < dh; y++) {
            for (int x = 0; x < dw; x++) {
                acc[0] = 0;
                acc[1] = 0;
                acc[2] = 0;
                for (int j = 0; j < ny; j++) {
                    double py = sy + (y + (j + 0.5) / ny) * fy - 0.5;
                    for (int i = 0; i < nx; i++) {
                        double px = sx + (x + (i + 0.5) / nx) * fx - 0.5;
                        addBilinear(img, px, py, acc);
                    }
                }
                int o = y * dw + x;
                out[o] = (acc[2] * inv - MEAN[0]) / STD[0];
                out[plane + o] = (acc[1] * inv - MEAN[1]) / STD[1];
                out[2 * plane + o] = (acc[0] * inv - MEAN[2]) / STD[2];
            }
        }
        return out;
    }

    private static void addBilinear(RgbImage img, double px, double py, float[] acc) {
        px = Math.max(0, Math.min(img.width - 1, px));
        py = Math.max(0, Math.min(img.height - 1, py));
        int x0 = (int) px;
        int y0 = (int) py;
        int x1 = Math.min(x0 + 1, img.width - 1);
        int y1 = Math.min(y0 + 1, img.height - 1);
        float ax = (float) (px - x0);
        float ay = (float) (py - y0);
        float w00 = (1 - ax) * (1 - ay);
        float w10 = ax * (1 - ay);
        float w01 = (1 - ax) * ay;
        float w11 = ax * ay;
        int c00 = img.rgb[y0 * img.width + x0];
        int c10 = img.rgb[y0 * img.width + x1];
        int c01 = img.rgb[y1 * img.width + x0];
        int c11 = img.rgb[y1 * img.width + x1];
        acc[0] += ((c00 >> 16) & 0xff) * w00
                + ((c10 >> 16) & 0xff) * w10
                + ((c01 >> 16) & 0xff) * w01
                + ((c11 >> 16) & 0xff) * w11;
        acc[1] += ((c00 >> 8) & 0xff) * w00
                + ((c10 >> 8) & 0xff) * w10
                + ((c01 >> 8) & 0xff) * w01
                + ((c11 >> 8) & 0xff) * w11;
        acc[2] += (c00 & 0xff) * w00 + (c10 & 0xff) * w10 + (c01 & 0xff) * w01 + (c11 & 0xff) * w11;
    }
}
