#!/usr/bin/env bash
# Runs Fujin's fuzz targets (cargo-fuzz, libFuzzer) for a while each.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#
# SECONDS per target (default 600); TARGETs default to all of them:
# feed, reader, pay_link, stored_order, datums, pack. Installs what is missing
# (a nightly toolchain, cargo-fuzz) and leaves stable the default. The
# growing corpus lives in fuzz/corpus/ (not committed); a finding is
# written to fuzz/artifacts/<target>/: copy it into fuzz/regressions/<target>/
# and `cargo test -p fujin-core --test fuzz_regressions` replays it on
# stable from then on (./scripts/test.sh runs that).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

seconds="${1:-600}"
shift || true
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(feed reader pay_link stored_order datums pack)

say() { printf '\033[1m[fuzz]\033[0m %s\n' "$*"; }

if rustup toolchain list | grep -q '^nightly'; then
  say "nightly toolchain: present"
else
  say "installing a nightly toolchain (minimal profile)"
  rustup toolchain install nightly --profile minimal
fi
if command -v cargo-fuzz >/dev/null; then
  say "cargo-fuzz: present"
else
  say "installing cargo-fuzz (a few minutes, once)"
  cargo install cargo-fuzz
fi

status=0
for target in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$target"
  say "$target for ${seconds}s (log: fuzz/$target.log)"
  # The corpus folder first (it grows), then the committed seeds.
  set +e
  cargo +nightly fuzz run --fuzz-dir fuzz "$target" "fuzz/corpus/$target" "fuzz/seeds/$target" -- \
    -max_total_time="$seconds" -dict=fuzz/json.dict -rss_limit_mb=2048 -timeout=10 \
    -print_final_stats=1 >"fuzz/$target.log" 2>&1
  code=$?
  set -e
  grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|SUMMARY|Test unit written)' "fuzz/$target.log" || true
  if [[ $code != 0 ]]; then
    say "$target: FINDING (exit $code), see fuzz/$target.log and fuzz/artifacts/$target/"
    status=1
  fi
done
exit "$status"
