#!/usr/bin/env bash
# End-to-end check of the release build: serve dist/ on loopback, open it in
# headless Chromium, and see the demo deals listed (and no panic screen), and
# a demo deal's page with its buy button.
set -euo pipefail
cd "$(dirname "$0")/.."

port=$((20000 + RANDOM % 20000))
python3 -m http.server "$port" --bind 127.0.0.1 --directory dist >/dev/null 2>&1 &
server=$!
profile=$(mktemp -d)
trap 'kill $server 2>/dev/null; rm -rf "$profile"' EXIT
for _ in $(seq 50); do
  python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 1)" 2>/dev/null && break
  sleep 0.1
done

page() {
  timeout 90 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --window-size=390,844 --virtual-time-budget=15000 \
    --dump-dom "http://127.0.0.1:$port/$1" 2>/dev/null
}
dom=$(page "?lang=zh")

cards=$(grep -o 'class="deal-card' <<<"$dom" | wc -l)
fail() { echo "e2e: $*" >&2; exit 1; }
grep -q 'fujin-panic' <<<"$dom" && fail "the panic screen is showing"
((cards > 0)) || fail "no deal cards listed; page text: $(sed 's/<[^>]*>/ /g' <<<"$dom" | tr -s ' ' | head -c 400)"
grep -q '个团购' <<<"$dom" || fail "no deal count shown"
grep -q '<canvas' <<<"$dom" || fail "no map canvas"
# The first listed deal's page, with the buy box.
deal=$(grep -o 'data-deal="[^"]*"' <<<"$dom" | head -1 | cut -d'"' -f2)
deal_dom=$(page "?lang=zh&deal=$deal")
grep -q 'class="deal-page' <<<"$deal_dom" || fail "deal $deal: no deal page"
grep -Eq 'class="(buy|checkout no-payment)' <<<"$deal_dom" || fail "deal $deal: no buy box"
echo "e2e: release build lists $cards demo deals and opens deal $deal with its buy box in headless Chromium: 2 passed, 0 failed"
