package org.platewatch.recognition;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Development aid, not a test: each photo's glance crops read one call each and in one batched
 * call (padded to the widest with the normalised zero, as PP-OCR's own batching pads), with the
 * reads compared and the CPU time of both ways (the reader runs on the calling thread).
 * {@code BatchProbe DIR [MAX_PHOTOS]}.
 */
public final class BatchProbe {
    public static void main(String[] args) throws Exception {
        Settings st = Settings.defaults();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        int max = args.length > 1 ? Integer.parseInt(args[1]) : Integer.MAX_VALUE;
        List<Path> photos;
        try (Stream<Path> s = Files.list(Path.of(args[0]))) {
            photos = s.filter(p -> p.toString().endsWith(".jpg") || p.toString().endsWith(".png"))
                    .sorted()
                    .limit(max)
                    .toList();
        }
        try (OcrModels m = new OcrModels(2, 1)) {
            TextDetector det = new TextDetector(m, m.sceneDetector);
            TextLineReader reader = new TextLineReader(m, Optional.empty());
            long singleNs = 0, batchNs = 0;
            int crops = 0, samePadded = 0, sameCut = 0, calls = 0;
            boolean warm = false;
            for (Path p : photos) {
                RgbImage img = RgbImage.of(Recognizer.decode(p));
                double scale = Math.min(1.0, st.detMaxSide() / (double) Math.max(img.width, img.height));
                List<TextBox> scene = det.detect(
                        img,
                        0,
                        0,
                        img.width,
                        img.height,
                        Recognizer.roundTo32(img.width * scale),
                        Recognizer.roundTo32(img.height * scale),
                        st.detMinScore());
                List<TextLineReader.Input> inputs = new ArrayList<>();
                for (PlateLocaliser.Scored sc : new PlateLocaliser().rank(img, TextLines.withJoinedLines(scene), 8)) {
                    TextBox b = sc.box();
                    inputs.add(reader.input(img, b.x(), b.y(), b.w(), b.h(), CandidateReader.GLANCE_STRETCH));
                }
                if (inputs.isEmpty()) {
                    continue;
                }
                if (!warm) {
                    inputs.forEach(reader::run);
                    batch(m, inputs);
                    warm = true;
                }
                long t = cpu.getCurrentThreadCpuTime();
                List<LineRead> single = new ArrayList<>();
                for (TextLineReader.Input in : inputs) {
                    single.add(reader.decodeOriginal(reader.run(in)));
                }
                singleNs += cpu.getCurrentThreadCpuTime() - t;
                t = cpu.getCurrentThreadCpuTime();
                List<TextLineReader.Pass[]> batched = batch(m, inputs);
                batchNs += cpu.getCurrentThreadCpuTime() - t;
                calls++;
                for (int i = 0; i < inputs.size(); i++) {
                    LineRead padded = reader.decodeOriginal(batched.get(i)[0]);
                    LineRead cut = reader.decodeOriginal(batched.get(i)[1]);
                    crops++;
                    samePadded += padded.plate().equals(single.get(i).plate()) ? 1 : 0;
                    sameCut += cut.plate().equals(single.get(i).plate()) ? 1 : 0;
                    if (!cut.plate().equals(single.get(i).plate())) {
                        System.out.printf(
                                "%s crop %d: single %s (%.3f), batched %s (%.3f), padded %s%n",
                                p.getFileName(),
                                i,
                                single.get(i).plate(),
                                single.get(i).meanConfidence(),
                                cut.plate(),
                                cut.meanConfidence(),
                                padded.plate());
                    }
                }
            }
            System.out.printf(
                    "%d photos, %d crops: CPU ms per photo one call each %.1f, one batch %.1f; reads the same: padded %d, padded steps cut %d%n",
                    calls, crops, singleNs / 1e6 / calls, batchNs / 1e6 / calls, samePadded, sameCut);
        }
    }

    /** Each input's pass from one batched call: {all steps, the steps of its own width}. */
    private static List<TextLineReader.Pass[]> batch(OcrModels m, List<TextLineReader.Input> inputs) throws Exception {
        int w = inputs.stream().mapToInt(TextLineReader.Input::width).max().orElseThrow();
        int h = TextLineReader.HEIGHT;
        int n = inputs.size();
        float[] all = new float[n * 3 * h * w];
        for (int i = 0; i < n; i++) {
            TextLineReader.Input in = inputs.get(i);
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < h; y++) {
                    System.arraycopy(in.pixels(), (c * h + y) * in.width(), all, ((i * 3 + c) * h + y) * w, in.width());
                }
            }
        }
        OrtSession s = m.reader;
        try (OnnxTensor t = OnnxTensor.createTensor(m.env, FloatBuffer.wrap(all), new long[] {n, 3, h, w});
                OrtSession.Result r = s.run(Map.of(s.getInputNames().iterator().next(), t))) {
            OnnxTensor out = (OnnxTensor) r.get(0);
            long[] shape = out.getInfo().getShape();
            int steps = (int) shape[1];
            int classes = (int) shape[2];
            float[] p = new float[n * steps * classes];
            out.getFloatBuffer().get(p);
            OnnxTensor hidden = (OnnxTensor) r.get(OcrModels.READER_FEATURES).orElseThrow();
            int fc = (int) hidden.getInfo().getShape()[2];
            float[] f = new float[n * steps * fc];
            hidden.getFloatBuffer().get(f);
            List<TextLineReader.Pass[]> passes = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int own = Math.min(steps, (int) Math.ceil(inputs.get(i).width() * steps / (double) w));
                passes.add(new TextLineReader.Pass[] {
                    pass(p, f, i, steps, steps, classes, fc), pass(p, f, i, steps, own, classes, fc)
                });
            }
            return passes;
        }
    }

    private static TextLineReader.Pass pass(float[] p, float[] f, int i, int steps, int keep, int classes, int fc) {
        float[] pi = new float[keep * classes];
        System.arraycopy(p, i * steps * classes, pi, 0, keep * classes);
        float[] fi = new float[keep * fc];
        System.arraycopy(f, i * steps * fc, fi, 0, keep * fc);
        return new TextLineReader.Pass(pi, keep, classes, fi, fc);
    }
}
