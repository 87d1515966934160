#!/usr/bin/env bash
# Runs every JLite test from a fresh checkout: fetches the models the tests use (npm, sha256
# checked) and runs the whole Maven build with its checks (Spotless, Error Prone, -Xlint, tests).
# This is the README's test command; .ci/run calls it.
set -euo pipefail
cd "$(dirname "$0")"

for tool in java mvn npm; do
  command -v "$tool" >/dev/null || { echo "run-tests: '$tool' is required (see README)" >&2; exit 1; }
done

models/fetch-models.sh
mvn -B -ntp verify "$@"
