#!/usr/bin/env bash
# The browser benchmark: builds bench.html (release, size profile, wasm-opt),
# serves it on loopback, runs it in headless Chromium and prints its table.
# (No --virtual-time-budget: it freezes performance.now() during the run.)
#
#   scripts/bench-web.sh            the data path on 10,000 and 100,000 merchants
#   scripts/bench-web.sh --hostile  memory and time of reading hostile feeds,
#                                   each in a fresh page
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser
export PATH="$PWD/.tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
trunk build bench.html --release --offline --dist target/bench-dist

port=$((20000 + RANDOM % 20000))
python3 -m http.server "$port" --bind 127.0.0.1 --directory target/bench-dist >/dev/null 2>&1 &
server=$!
profile=$(mktemp -d)
trap 'kill $server 2>/dev/null; rm -rf "$profile"' EXIT
sleep 1
# --dump-dom fires at the page's load event, which may come before the
# bench has finished: try a few times.
run_page() {
  local query="$1"
  for attempt in 1 2 3 4 5; do
    out=$(timeout 600 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
      --disable-background-networking --disable-component-update --disable-sync \
      --user-data-dir="$profile/$RANDOM$attempt" --dump-dom "http://127.0.0.1:$port/$query" 2>/dev/null |
      python3 -c 'import sys, re, html; m = re.search(r"<pre id=\"bench-result\">(.*?)</pre>", sys.stdin.read(), re.S); print(html.unescape(m.group(1)) if m else "")')
    if [[ -n "$out" ]]; then
      echo "$out"
      return 0
    fi
  done
  echo "the bench page produced no result for '$query'" >&2
  return 1
}

if [[ "${1:-}" == "--hostile" ]]; then
  for case in commas empty-records bare-numbers top-level-numbers truncated; do
    run_page "?hostile=$case"
  done
else
  run_page ""
fi
