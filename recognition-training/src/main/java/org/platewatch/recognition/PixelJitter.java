package org.platewatch.recognition;

import java.util.Random;

/**
 * Random changes to a crop's pixels for training the plate head, so that it learns glyph shapes
 * rather than the lighting and focus of the few hundred training photos: contrast and brightness
 * (dusk, glare, dirty plates), sensor noise, and blur (distant or moving plates).
 */
final class PixelJitter {

    private PixelJitter() {}

    static TextLineReader.Input apply(TextLineReader.Input input, Random random) {
        float[] px = input.pixels().clone();
        int w = input.width();
        int h = TextLineReader.HEIGHT;
        if (random.nextDouble() < 0.3) {
            blur(px, w, h, 1 + random.nextInt(2));
        }
        float contrast = (float) (0.6 + 0.6 * random.nextDouble());
        float brightness = (float) (0.4 * random.nextDouble() - 0.2);
        float noise = (float) (0.08 * random.nextDouble());
        for (int i = 0; i < px.length; i++) {
            float v = px[i] * contrast + brightness + noise * (float) random.nextGaussian();
            px[i] = Math.max(-1f, Math.min(1f, v)); // inputs are scaled to -1..1
        }
        return new TextLineReader.Input(px, w);
    }

    /** Box blur of the given radius, per channel, horizontal then vertical. */
    private static void blur(float[] px, int w, int h, int radius) {
        float[] tmp = new float[w * h];
        for (int ch = 0; ch < 3; ch++) {
            int base = ch * w * h;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float sum = 0;
                    int n = 0;
                    for (int k = Math.max(0, x - radius); k <= Math.min(w - 1, x + radius); k++) {
                        sum += px[base + y * w + k];
                        n++;
                    }
                    tmp[y * w + x] = sum / n;
                }
            }
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float sum = 0;
                    int n = 0;
                    for (int k = Math.max(0, y - radius); k <= Math.min(h - 1, y + radius); k++) {
                        sum += tmp[k * w + x];
                        n++;
                    }
                    px[base + y * w + x] = sum / n;
                }
            }
        }
    }
}
