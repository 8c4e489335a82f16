#!/usr/bin/env bash
# The plate head's five-fold cross-validation on us-crops/ (issue 20): for each fifth K, a head is
# trained with K held out (train-plate-head --hold-out K, written under OUT, never over the shipped
# file) and K is scored with it (bench-recognition --fold K, -Dplatewatch.recognition.plateHeadFile).
# See docs/recognition.md, "Cross-validation".
#
#   tools/cross-validate.sh [OUT_DIR [JAVA OPTIONS...]]   (default /tmp/pw-cv; options apply to both steps,
#                                                           e.g. -Dplatewatch.recognition.detectorPrecision=int8)
#   SCORE_ONLY=DIR tools/cross-validate.sh OUT ...       scores with DIR's heads, training none (a change
#                                                           that does not touch what the training reads)
# Prints each fold's figures and writes OUT/train-K.txt, OUT/bench-K.txt, OUT/head-K.bin, OUT/log.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="${1:-/tmp/pw-cv}"
shift || true
CROPS="${CROPS:-$ROOT/../shared/datasets/plates/us-crops}"
(cd "$ROOT" && ./mvnw -B -o -q -pl recognition-training -am compile -Dspotless.check.skip=true)
CP="$ROOT/recognition-training/target/classes:$(cat "$ROOT/recognition-training/target/classpath.txt")"
mkdir -p "$OUT"
stamp() { echo "$1 $(date -u +%T) load $(cut -d' ' -f1 /proc/loadavg)" >> "$OUT/log"; }
for K in 0 1 2 3 4; do
  HEAD="$OUT/head-$K.bin"
  if [ -n "${SCORE_ONLY:-}" ]; then
    HEAD="$SCORE_ONLY/head-$K.bin"
  else
    stamp "fold $K train start"
    java "$@" -cp "$CP" org.platewatch.recognition.cli.TrainingCli train-plate-head "$CROPS" \
      --out "$HEAD" --hold-out "$K" > "$OUT/train-$K.txt" 2>&1
  fi
  stamp "fold $K bench start"
  java "$@" -Dplatewatch.recognition.plateHeadFile="$HEAD" -cp "$CP" org.platewatch.recognition.cli.TrainingCli \
    bench-recognition "$CROPS" --fold "$K" > "$OUT/bench-$K.txt" 2>&1
  stamp "fold $K done"
  echo "fold $K: $(grep -E '^top-1 [0-9]' "$OUT/bench-$K.txt" | cut -d, -f1); $(grep '^state:' "$OUT/bench-$K.txt" | cut -d';' -f1)"
done
