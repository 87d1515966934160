#!/usr/bin/env bash
# Usage: reference-cpu/fuzz.sh [SECONDS] [MAVEN ARGS...]
# Runs a coverage-guided fuzzing campaign on model loading, preparation and inference
# (io.jlite.robustness.ModelFuzzTest) for SECONDS seconds (default 600), at low CPU priority.
# Extra Maven arguments pass through, e.g. -Djlite.buildSuffix=-fuzz to build into target-fuzz/
# and keep working in the same checkout meanwhile.
# Seeds: the real MediaPipe models up to 1 MiB (models/fetch-models.sh) and generated models.
# New coverage goes to reference-cpu/.cifuzz-corpus/ (git-ignored); a crashing input is written to
# src/test/resources/io/jlite/robustness/ModelFuzzTestInputs/loadPrepareRun/, where the regular
# build replays it: fix the bug, keep the (small) file.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
shift || true
# Instrument all of JLite (the default would be only the test's package under surefire), but not
# the FlatBuffers accessors: they are its hot loop and made fuzzing four times slower. -timeout
# makes libFuzzer report any single input that runs over 10 s as a hang.
JAZZER_FUZZ=1 nice -n 10 mvn -B -ntp test -pl reference-cpu -am \
  -Dtest=ModelFuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
  '-Djazzer.instrument=io.jlite.**' \
  -Djazzer.internal.arg.0=fuzz \
  "-Djazzer.internal.arg.1=-max_total_time=${seconds}" \
  -Djazzer.internal.arg.2=-timeout=10 \
  "$@"
