#!/usr/bin/env bash
# The browser benchmark: builds bench.html (release, the app's size profile,
# wasm-opt), serves it on loopback with the JS peers beside it, runs it in
# headless Chromium and prints its tables.
#
#   scripts/bench-web.sh              Fujin versus the JS peers, then the data path
#   scripts/bench-web.sh --versus     Fujin versus the JS peers only
#   scripts/bench-web.sh --data-path  the data path on 10,000 and 100,000 merchants
#   scripts/bench-web.sh --million    the app's loading, list and map at
#                                     1,000,000 merchants (JSON and packed)
#   scripts/bench-web.sh --hostile    memory and time of reading hostile feeds,
#                                     each in a fresh page
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser --peers
export PATH="$PWD/.tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
trunk build bench.html --release --offline --dist target/bench-dist

# The peers beside the page, where bench.html's import map looks.
mkdir -p target/bench-dist/peers
for package in flatbush flatqueue geoflatbush kdbush geokdbush tinyqueue supercluster; do
  rm -rf "target/bench-dist/peers/$package"
  cp -r ".tools/node_modules/$package" target/bench-dist/peers/
done
cp static/bench/peers.js target/bench-dist/peers/

case "${1:-}" in
  --versus) pages=("?versus") ;;
  --data-path) pages=("?data-path") ;;
  --million) pages=("?million") ;;
  --hostile) pages=("?hostile=commas" "?hostile=empty-records" "?hostile=bare-numbers" "?hostile=top-level-numbers" "?hostile=truncated") ;;
  "") pages=("?versus" "?data-path") ;;
  *) echo "scripts/bench-web.sh: unknown option $1" >&2; exit 2 ;;
esac
CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}" python3 scripts/bench_page.py target/bench-dist "${pages[@]}"
