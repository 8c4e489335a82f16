package org.platewatch.recognition;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * PP-OCRv4 text detection (a DB network) with a simplified, axis-aligned post-processing.
 *
 * <p>Plates in traffic photos are close to horizontal, so the rotated-rectangle fitting of the
 * reference implementation buys little and costs time; connected components of the thresholded
 * probability map, expanded by the DB "unclip" distance, are enough.
 */
final class TextDetector {

    static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    static final float[] STD = {0.229f, 0.224f, 0.225f};
    private static final float PIXEL_THRESHOLD = 0.3f;
    private static final double UNCLIP_RATIO = 1.6;

    private final OcrModels models;
    private final OrtSession session;

    TextDetector(OcrModels models, OrtSession session) {
        this.models = models;
        this.session = session;
    }

    /**
     * Detects text in the source rectangle (sx, sy, sw, sh) of {@code image}, resampled to
     * {@code dw x dh} (both multiples of 32), and returns boxes in source image pixels.
     */
    List<TextBox> detect(RgbImage image, double sx, double sy, double sw, double sh, int dw, int dh, double minScore) {
        return detect(image, sx, sy, sw, sh, dw, dh, minScore, StageProfile.Photo.unrecorded());
    }

    /** As above, timing the three scene-detection stages into {@code profile}. */
    List<TextBox> detect(
            RgbImage image,
            double sx,
            double sy,
            double sw,
            double sh,
            int dw,
            int dh,
            double minScore,
            StageProfile.Photo profile) {
        long t = System.nanoTime();
        float[] input = image.toTensor(sx, sy, sw, sh, dw, dh, MEAN, STD);
        t = profile.lap(StageProfile.Stage.SCENE_INPUT, t);
        float[] map = run(input, dw, dh);
        t = profile.lap(StageProfile.Stage.SCENE_MODEL, t);
        List<TextBox> boxes = toSource(map, dw, dh, sx, sy, sw / dw, sh / dh, minScore);
        profile.lap(StageProfile.Stage.SCENE_BOXES, t);
        return boxes;
    }

    private static List<TextBox> toSource(
            float[] prob, int dw, int dh, double sx, double sy, double fx, double fy, double minScore) {
        List<TextBox> boxes = components(prob, dw, dh, minScore);
        List<TextBox> out = new ArrayList<>(boxes.size());
        for (TextBox b : boxes) {
            out.add(new TextBox(sx + b.x() * fx, sy + b.y() * fy, b.w() * fx, b.h() * fy, b.score()));
        }
        return out;
    }

    private float[] run(float[] input, int dw, int dh) {
        try (OnnxTensor t = OnnxTensor.createTensor(models.env, FloatBuffer.wrap(input), new long[] {1, 3, dh, dw});
                OrtSession.Result r =
                        session.run(Map.of(session.getInputNames().iterator().next(), t))) {
            FloatBuffer fb = ((OnnxTensor) r.get(0)).getFloatBuffer();
            float[] out = new float[dw * dh];
            fb.get(out);
            return out;
        } catch (OrtException e) {
            throw new IllegalStateException("text detection failed: " + e.getMessage(), e);
        }
    }

    /** 4-connected components of the thresholded map, in map pixels, expanded by the unclip distance. */
    static List<TextBox> components(float[] prob, int w, int h, double minScore) {
        List<TextBox> out = new ArrayList<>();
        boolean[] seen = new boolean[w * h];
        int[] stack = new int[w * h];
        for (int start = 0; start < prob.length; start++) {
            if (seen[start] || prob[start] < PIXEL_THRESHOLD) {
                continue;
            }
            int top = 0;
            stack[top++] = start;
            seen[start] = true;
            int minX = w, minY = h, maxX = -1, maxY = -1, n = 0;
            double sum = 0;
            while (top > 0) {
                int p = stack[--top];
                int px = p % w;
                int py = p / w;
                n++;
                sum += prob[p];
                minX = Math.min(minX, px);
                maxX = Math.max(maxX, px);
                minY = Math.min(minY, py);
                maxY = Math.max(maxY, py);
                if (px > 0 && !seen[p - 1] && prob[p - 1] >= PIXEL_THRESHOLD) {
                    seen[p - 1] = true;
                    stack[top++] = p - 1;
                }
                if (px < w - 1 && !seen[p + 1] && prob[p + 1] >= PIXEL_THRESHOLD) {
                    seen[p + 1] = true;
                    stack[top++] = p + 1;
                }
                if (py > 0 && !seen[p - w] && prob[p - w] >= PIXEL_THRESHOLD) {
                    seen[p - w] = true;
                    stack[top++] = p - w;
                }
                if (py < h - 1 && !seen[p + w] && prob[p + w] >= PIXEL_THRESHOLD) {
                    seen[p + w] = true;
                    stack[top++] = p + w;
                }
            }
            int bw = maxX - minX + 1;
            int bh = maxY - minY + 1;
            double score = sum / n;
            if (Math.min(bw, bh) < 2 || score < minScore) {
                continue;
            }
            double d = bw * bh * UNCLIP_RATIO / (2.0 * (bw + bh));
            out.add(new TextBox(minX - d, minY - d, bw + 2 * d, bh + 2 * d, score));
        }
        return out;
    }
}
