#!/usr/bin/env bash
# Installs what Fujin's build and tests need, skipping what is already there.
#
#   scripts/setup.sh            the Rust side: wasm32 target, wasm-bindgen-cli, trunk
#   scripts/setup.sh --browser  also Debian's Chromium and ChromeDriver (browser
#                               tests) and axe-core (the accessibility audit,
#                               an npm package, into .tools/)
#   scripts/setup.sh --peers    also the JS peers the bench page compares
#                               Fujin with (npm packages, into .tools/)
#
# Versions are pinned: wasm-bindgen-cli must equal the `wasm-bindgen = "=X"`
# pin in Cargo.toml, and trunk 0.21.14 is the last that builds on Rust 1.95.
# Why each step is done this way: wasm-bindgen-cli is installed without
# --locked (the registry index here lags its lock file); trunk 0.22 needs a
# newer rustc than 1.95; Debian's binaryen is too old for Rust 1.95's wasm,
# so wasm-opt comes from npm's binaryen package.
set -euo pipefail

WASM_BINDGEN_VERSION=0.2.130
TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132
# The accessibility audit's engine (scripts/a11y.py), pinned.
AXE_VERSION=4.11.0
# The bench page's JS peers (scripts/bench-web.sh), pinned.
PEERS=(flatbush@4.7.0 flatqueue@3.1.0 geoflatbush@2.2.1 kdbush@4.1.0 geokdbush@2.1.0 tinyqueue@3.0.0 supercluster@9.1.0)

browser=false
peers=false
for arg in "$@"; do
  case "$arg" in
    --browser) browser=true ;;
    --peers) peers=true ;;
    *) echo "scripts/setup.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

export PATH="$HOME/.cargo/bin:$PATH"
cd "$(dirname "$0")/.."

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

pinned=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)"$/\1/p' Cargo.toml)
if [[ "$pinned" != "$WASM_BINDGEN_VERSION" ]]; then
  echo "scripts/setup.sh pins wasm-bindgen-cli $WASM_BINDGEN_VERSION but Cargo.toml pins wasm-bindgen '$pinned'" >&2
  exit 1
fi

if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "wasm32-unknown-unknown target: present"
else
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [[ "$(wasm-bindgen --version 2>/dev/null || true)" == "wasm-bindgen $WASM_BINDGEN_VERSION" ]] &&
  command -v wasm-bindgen-test-runner >/dev/null; then
  say "wasm-bindgen-cli $WASM_BINDGEN_VERSION: present"
else
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 5 minutes, once)"
  # No --locked: the registry index here lags the upstream lock file.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if [[ "$(trunk --version 2>/dev/null || true)" == "trunk $TRUNK_VERSION" ]]; then
  say "trunk $TRUNK_VERSION: present"
else
  say "installing trunk $TRUNK_VERSION (about 10 minutes, once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked --force
fi

# wasm-opt from npm's binaryen (Debian's is too old for Rust 1.95's output),
# kept in .tools/ and put on PATH by run.sh and test.sh.
if [[ "$(.tools/node_modules/.bin/wasm-opt --version 2>/dev/null || true)" == *"version $BINARYEN_VERSION "* ]]; then
  say "wasm-opt $BINARYEN_VERSION: present"
else
  say "installing wasm-opt (npm binaryen@$BINARYEN_VERSION) into .tools/"
  mkdir -p .tools
  (cd .tools && npm install --no-audit --no-fund --silent "binaryen@$BINARYEN_VERSION")
fi

if $peers; then
  missing=()
  for package in "${PEERS[@]}"; do
    name=${package%@*}
    version=${package#*@}
    installed=$(sed -n 's/^  "version": "\(.*\)",$/\1/p' ".tools/node_modules/$name/package.json" 2>/dev/null || true)
    [[ "$installed" == "$version" ]] || missing+=("$package")
  done
  if ((${#missing[@]})); then
    say "installing the bench page's JS peers into .tools/: ${missing[*]}"
    mkdir -p .tools
    (cd .tools && npm install --no-audit --no-fund --silent "${PEERS[@]}")
  else
    say "JS peers: present"
  fi
fi

if $browser; then
  if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
    say "chromium and chromedriver: present"
  else
    say "installing Debian's chromium and chromium-driver"
    sudo=""
    [[ "$(id -u)" == 0 ]] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
  installed=$(sed -n 's/^  "version": "\(.*\)",$/\1/p' .tools/node_modules/axe-core/package.json 2>/dev/null || true)
  if [[ "$installed" == "$AXE_VERSION" ]]; then
    say "axe-core $AXE_VERSION: present"
  else
    say "installing axe-core $AXE_VERSION (the accessibility audit) into .tools/"
    mkdir -p .tools
    (cd .tools && npm install --no-audit --no-fund --silent "axe-core@$AXE_VERSION")
  fi
fi
say "ready"
