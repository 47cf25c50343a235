#!/usr/bin/env bash
# Runs every check and test of Fujin, installing what is missing first:
# formatting, clippy, native unit/property/CLI/doc tests, the browser tests
# in headless Chromium, and a release build of the app.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser
export PATH="$PWD/.tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "formatting"
cargo fmt --all --check

step "clippy (native core and CLI, wasm app)"
cargo clippy -p fujin-core -p fujin-rtree -p fujin-cli --all-targets --locked -- -D warnings
cargo clippy -p fujin-web --target wasm32-unknown-unknown --all-targets --locked -- -D warnings

step "browser tests (headless Chromium)"
CHROMEDRIVER=/usr/bin/chromedriver \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --target wasm32-unknown-unknown --locked
# (At the root, as `wasm-pack test --headless --chrome` builds it: every
# member builds for wasm32; the core's and CLI's tests are native only.)

step "native tests of the app's state and map layout"
cargo test -p fujin-web --lib --locked

step "release build of the app, its size, end-to-end checks (standalone, embedded, iframe, strict CSP), accessibility (axe-core, keyboard only), the npm package"
trunk build --release --offline
scripts/size.sh
scripts/e2e.sh
scripts/a11y.sh
scripts/package.sh

step "native tests: core, CLI, doc examples"
cargo test -p fujin-core -p fujin-rtree -p fujin-cli --locked
