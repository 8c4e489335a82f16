package org.platewatch.recognition;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * An image as packed 0xRRGGBB ints, with the crop/resize-into-tensor operations the models need.
 *
 * <p>Reading pixels once into an array and sampling from it is several times faster than going
 * through {@link BufferedImage#getRGB(int, int)} per pixel or {@code Graphics2D} scaling, and the
 * pipeline samples the same photo many times (detection, then several crops per candidate).
 */
final class RgbImage {

    final int width;
    final int height;
    final int[] rgb;

    RgbImage(int width, int height, int[] rgb) {
        this.width = width;
        this.height = height;
        this.rgb = rgb;
    }

    static RgbImage of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] out = new int[w * h];
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR
                && image.getRaster().getDataBuffer() instanceof DataBufferByte db
                && image.getRaster().getNumDataElements() == 3
                && db.getData().length == w * h * 3) {
            byte[] d = db.getData();
            for (int i = 0, j = 0; i < out.length; i++, j += 3) {
                out[i] = ((d[j + 2] & 0xff) << 16) | ((d[j + 1] & 0xff) << 8) | (d[j] & 0xff);
            }
        } else {
            image.getRGB(0, 0, w, h, out, 0, w);
            for (int i = 0; i < out.length; i++) {
                out[i] &= 0xffffff;
            }
        }
        return new RgbImage(w, h, out);
    }

    /**
     * Samples the source rectangle (sx, sy, sw, sh), which may reach outside the image (edge pixels
     * repeat), into a {@code dw x dh} planar float tensor in BGR order, each channel normalised as
     * {@code (v / 255 - mean[c]) / std[c]}. When shrinking by more than 1.5x, each output pixel
     * averages a small grid of samples so that thin strokes are not lost to aliasing.
     */
    float[] toTensor(double sx, double sy, double sw, double sh, int dw, int dh, float[] mean, float[] std) {
        float[] out = new float[3 * dw * dh];
        int plane = dw * dh;
        double fx = sw / dw;
        double fy = sh / dh;
        int nx = Math.max(1, Math.min(4, (int) Math.round(fx)));
        int ny = Math.max(1, Math.min(4, (int) Math.round(fy)));
        float inv = 1f / (nx * ny * 255f);
        // Each column's and each row's sample positions, computed once per call rather than once
        // per output pixel (the same arithmetic, so the same values; this was most of the scene
        // detection's input time).
        Taps cols = Taps.of(sx, fx, dw, nx, width);
        Taps rows = Taps.of(sy, fy, dh, ny, height);
        for (int y = 0; y < dh; y++) {
            for (int x = 0; x < dw; x++) {
                float r = 0;
                float g = 0;
                float b = 0;
                for (int j = 0; j < ny; j++) {
                    int ry = y * ny + j;
                    int row0 = rows.lo[ry] * width;
                    int row1 = rows.hi[ry] * width;
                    float ay = rows.frac[ry];
                    for (int i = 0; i < nx; i++) {
                        int cx = x * nx + i;
                        int x0 = cols.lo[cx];
                        int x1 = cols.hi[cx];
                        float ax = cols.frac[cx];
                        float w00 = (1 - ax) * (1 - ay);
                        float w10 = ax * (1 - ay);
                        float w01 = (1 - ax) * ay;
                        float w11 = ax * ay;
                        int c00 = rgb[row0 + x0];
                        int c10 = rgb[row0 + x1];
                        int c01 = rgb[row1 + x0];
                        int c11 = rgb[row1 + x1];
                        r += ((c00 >> 16) & 0xff) * w00
                                + ((c10 >> 16) & 0xff) * w10
                                + ((c01 >> 16) & 0xff) * w01
                                + ((c11 >> 16) & 0xff) * w11;
                        g += ((c00 >> 8) & 0xff) * w00
                                + ((c10 >> 8) & 0xff) * w10
                                + ((c01 >> 8) & 0xff) * w01
                                + ((c11 >> 8) & 0xff) * w11;
                        b += (c00 & 0xff) * w00 + (c10 & 0xff) * w10 + (c01 & 0xff) * w01 + (c11 & 0xff) * w11;
                    }
                }
                int o = y * dw + x;
                out[o] = (b * inv - mean[0]) / std[0];
                out[plane + o] = (g * inv - mean[1]) / std[1];
                out[2 * plane + o] = (r * inv - mean[2]) / std[2];
            }
        }
        return out;
    }

    /**
     * The bilinear taps along one axis: for output position {@code k} and sub-sample {@code s}
     * (index {@code k * n + s}), the lower and upper source pixel and the weight of the upper one.
     * Positions outside the image clamp to its edge.
     */
    private record Taps(int[] lo, int[] hi, float[] frac) {
        static Taps of(double start, double step, int size, int n, int limit) {
            int[] lo = new int[size * n];
            int[] hi = new int[size * n];
            float[] frac = new float[size * n];
            for (int k = 0; k < size; k++) {
                for (int s = 0; s < n; s++) {
                    double p = start + (k + (s + 0.5) / n) * step - 0.5;
                    if (p < 0) {
                        p = 0;
                    } else if (p > limit - 1) {
                        p = limit - 1;
                    }
                    int i = k * n + s;
                    lo[i] = (int) p;
                    hi[i] = Math.min(lo[i] + 1, limit - 1);
                    frac[i] = (float) (p - lo[i]);
                }
            }
            return new Taps(lo, hi, frac);
        }
    }

    /** Luma (0..255) of one pixel, for the cheap contrast and colour measures. */
    int luma(int x, int y) {
        int c = rgb[y * width + x];
        return (((c >> 16) & 0xff) * 299 + ((c >> 8) & 0xff) * 587 + (c & 0xff) * 114) / 1000;
    }
}
