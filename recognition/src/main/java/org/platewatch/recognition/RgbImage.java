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
    float[] toTensor(double sx, double sy, double sw, double sh, int dw, int dh,
                     float[] mean, float[] std) {
        return toTensor(sx, sy, sw, sh, dw, dh, mean, std, 0, 255);
    }

    /**
     * As above, with the levels stretched so that {@code lo} maps to black and {@code hi} to
     * white: dim or washed-out plates then reach the reader with the contrast it was trained on.
     */
    float[] toTensor(double sx, double sy, double sw, double sh, int dw, int dh,
                     float[] mean, float[] std, double lo, double hi) {
        return toTensor(sx, sy, sw, sh, dw, dh, mean, std, lo, hi, false);
    }

    float[] toTensor(double sx, double sy, double sw, double sh, int dw, int dh,
                     float[] mean, float[] std, double lo, double hi, boolean grey) {
        float[] out = new float[3 * dw * dh];
        int plane = dw * dh;
        double fx = sw / dw;
        double fy = sh / dh;
        int nx = Boolean.getBoolean("pw.noaa") ? 1 : Math.max(1, Math.min(4, (int) Math.round(fx)));
        int ny = Boolean.getBoolean("pw.noaa") ? 1 : Math.max(1, Math.min(4, (int) Math.round(fy)));
        float inv = 1f / (nx * ny);
        float gain = (float) (1.0 / Math.max(1, hi - lo));
        float offset = (float) lo;
        for (int y = 0; y < dh; y++) {
            for (int x = 0; x < dw; x++) {
                float r = 0, g = 0, b = 0;
                for (int j = 0; j < ny; j++) {
                    double py = sy + (y + (j + 0.5) / ny) * fy - 0.5;
                    for (int i = 0; i < nx; i++) {
                        double px = sx + (x + (i + 0.5) / nx) * fx - 0.5;
                        int c = bilinear(px, py);
                        r += (c >> 16) & 0xff;
                        g += (c >> 8) & 0xff;
                        b += c & 0xff;
                    }
                }
                int o = y * dw + x;
                if (grey) {
                    float l = 0.299f * r + 0.587f * g + 0.114f * b;
                    r = g = b = l;
                }
                out[o] = (level(b * inv, offset, gain) - mean[0]) / std[0];
                out[plane + o] = (level(g * inv, offset, gain) - mean[1]) / std[1];
                out[2 * plane + o] = (level(r * inv, offset, gain) - mean[2]) / std[2];
            }
        }
        return out;
    }

    private static float level(float v, float offset, float gain) {
        float x = (v - offset) * gain;
        return x < 0 ? 0 : x > 1 ? 1 : x;
    }

    /**
     * Luma percentiles (0..100) of a rectangle on a coarse grid of samples: a cheap estimate of
     * the dark and light levels of a plate crop.
     */
    int[] lumaPercentiles(double sx, double sy, double sw, double sh, int... percents) {
        int nx = 24, ny = 12;
        int[] v = new int[nx * ny];
        int k = 0;
        for (int j = 0; j < ny; j++) {
            int y = Math.max(0, Math.min(height - 1, (int) (sy + (j + 0.5) * sh / ny)));
            for (int i = 0; i < nx; i++) {
                int x = Math.max(0, Math.min(width - 1, (int) (sx + (i + 0.5) * sw / nx)));
                v[k++] = luma(x, y);
            }
        }
        java.util.Arrays.sort(v);
        int[] out = new int[percents.length];
        for (int i = 0; i < percents.length; i++) {
            out[i] = v[Math.min(v.length - 1, v.length * percents[i] / 100)];
        }
        return out;
    }

    /** Bilinear sample, clamped at the borders, returned packed as 0xRRGGBB. */
    int bilinear(double px, double py) {
        if (px < 0) {
            px = 0;
        } else if (px > width - 1) {
            px = width - 1;
        }
        if (py < 0) {
            py = 0;
        } else if (py > height - 1) {
            py = height - 1;
        }
        int x0 = (int) px;
        int y0 = (int) py;
        int x1 = Math.min(x0 + 1, width - 1);
        int y1 = Math.min(y0 + 1, height - 1);
        double ax = px - x0;
        double ay = py - y0;
        int c00 = rgb[y0 * width + x0];
        int c10 = rgb[y0 * width + x1];
        int c01 = rgb[y1 * width + x0];
        int c11 = rgb[y1 * width + x1];
        int out = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            double top = ((c00 >> shift) & 0xff) * (1 - ax) + ((c10 >> shift) & 0xff) * ax;
            double bottom = ((c01 >> shift) & 0xff) * (1 - ax) + ((c11 >> shift) & 0xff) * ax;
            int v = (int) Math.round(top * (1 - ay) + bottom * ay);
            out |= v << shift;
        }
        return out;
    }

    /** Luma (0..255) of one pixel, for the cheap contrast and colour measures. */
    int luma(int x, int y) {
        int c = rgb[y * width + x];
        return (((c >> 16) & 0xff) * 299 + ((c >> 8) & 0xff) * 587 + (c & 0xff) * 114) / 1000;
    }
}
