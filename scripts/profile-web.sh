#!/usr/bin/env bash
# Where the WebAssembly spends its time: builds the bench page as the app
# ships it but with function names kept, runs one probe of
# src/bench/probe.rs in headless Chromium under its CPU profiler, and
# prints the functions that took the time.
#
#   scripts/profile-web.sh rebuild|knn|json|packed [TOP] [FOCUS]
#
# TOP functions are listed (40); with FOCUS (part of a function's name, say
# PackReader::step) only the time inside that function is shared out.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser --peers
export PATH="$PWD/.tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
dist=target/profile-dist
rm -rf "$dist" && mkdir -p "$dist"
# The bundle's optimisation levels (the web profile), names kept.
cargo build --profile prof --target wasm32-unknown-unknown --bin fujin-bench
wasm-bindgen --target web --keep-debug --out-dir "$dist" target/wasm32-unknown-unknown/prof/fujin-bench.wasm
wasm-opt -Oz --debuginfo --enable-bulk-memory --enable-mutable-globals --enable-nontrapping-float-to-int --enable-sign-ext --enable-multivalue --enable-reference-types "$dist/fujin-bench_bg.wasm" -o "$dist/fujin-bench_bg.wasm"
cat > "$dist/index.html" <<'HTML'
<!doctype html>
<html lang="en"><head><meta charset="utf-8" /><title>Fujin probe</title></head>
<body><script type="module">import init from "./fujin-bench.js"; init();</script></body></html>
HTML
CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}" python3 scripts/profile_page.py "$dist" "$1" "${2:-40}" ${3:+"$3"}
