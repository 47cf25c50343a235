#!/usr/bin/env bash
# Runs the browser tests N times in a row (default 5) with a CPU-burning
# process per core beside them, as on a busy CI machine: a new browser test
# is trusted only once it passes this. Stops at the first failure.
#
#   scripts/browser-tests-loaded.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser >/dev/null
export PATH="$PWD/.tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
runs="${1:-5}"

burners=()
for _ in $(seq "$(nproc)"); do
  (while :; do :; done) &
  burners+=($!)
done
trap 'kill "${burners[@]}" 2>/dev/null || true' EXIT

for run in $(seq "$runs"); do
  printf '\033[1m== loaded run %s of %s\033[0m\n' "$run" "$runs"
  CHROMEDRIVER=/usr/bin/chromedriver \
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
    cargo test -p fujin-web --target wasm32-unknown-unknown --locked 2>&1 | grep -E '^test result|FAIL|panicked'
done
