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
                        addBilinear(px, py, acc);
                    }
                }
                int o = y * dw + x;
                out[o] = (acc[2] * inv - mean[0]) / std[0];
                out[plane + o] = (acc[1] * inv - mean[1]) / std[1];
                out[2 * plane + o] = (acc[0] * inv - mean[2]) / std[2];
            }
        }
        return out;
    }

    /** Adds the bilinear sample's red, green and blue (0..255) to acc[0..2]; borders clamp. */
    private void addBilinear(double px, double py, float[] acc) {
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
        float ax = (float) (px - x0);
        float ay = (float) (py - y0);
        float w00 = (1 - ax) * (1 - ay);
        float w10 = ax * (1 - ay);
        float w01 = (1 - ax) * ay;
        float w11 = ax * ay;
        int c00 = rgb[y0 * width + x0];
        int c10 = rgb[y0 * width + x1];
        int c01 = rgb[y1 * width + x0];
        int c11 = rgb[y1 * width + x1];
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

    /** Luma (0..255) of one pixel, for the cheap contrast and colour measures. */
    int luma(int x, int y) {
        int c = rgb[y * width + x];
        return (((c >> 16) & 0xff) * 299 + ((c >> 8) & 0xff) * 587 + (c & 0xff) * 114) / 1000;
    }
}
