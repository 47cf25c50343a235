#!/usr/bin/env bash
# Prints the size of the release bundle in dist/ (raw and gzip -9) and fails
# when it is over the budget in the README.
set -euo pipefail
cd "$(dirname "$0")/.."

# Budgets in bytes, gzip -9 (what a phone downloads).
BUDGET_WASM_GZ=360000
BUDGET_JS_GZ=14000
BUDGET_LOADER_GZ=2000
BUDGET_CSS_GZ=4000
# The whole app (wasm + glue + loader + CSS): issue 11's cap, what it was
# when the index's hot loops began to be compiled for speed (see the
# README's bundle size). Anything new has to make room for itself.
BUDGET_TOTAL_GZ=364000

declare -A FILES=(
  [wasm]=dist/fujin-web_bg.wasm
  [js]=dist/fujin-web.js
  [loader]=dist/fujin.js
  [css]="$(ls dist/page*.css 2>/dev/null | head -n1 || true)"
)
over=0
total=0
printf '%-8s %10s %10s %10s\n' kind raw gzip budget
for kind in wasm js loader css; do
  file=${FILES[$kind]}
  if [[ -z "$file" || ! -f "$file" ]]; then
    echo "no $kind file (${file:-?}) in dist/: run trunk build --release first" >&2
    exit 1
  fi
  raw=$(stat -c %s "$file")
  gz=$(gzip -9c "$file" | wc -c)
  budget_var="BUDGET_${kind^^}_GZ"
  budget=${!budget_var}
  total=$((total + gz))
  printf '%-8s %10d %10d %10d\n' "$kind" "$raw" "$gz" "$budget"
  if ((gz > budget)); then
    echo "  over budget: $file is $gz bytes gzipped, budget $budget" >&2
    over=1
  fi
done
printf '%-8s %10s %10d %10d\n' total - "$total" "$BUDGET_TOTAL_GZ"
if ((total > BUDGET_TOTAL_GZ)); then
  echo "  over budget: the app is $total bytes gzipped in all, budget $BUDGET_TOTAL_GZ" >&2
  over=1
fi
feed=dist/demo-feed.json
printf '%-8s %10d %10d %10s\n' feed "$(stat -c %s $feed)" "$(gzip -9c $feed | wc -c)" "-"
exit $over
