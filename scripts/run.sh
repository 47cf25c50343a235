#!/usr/bin/env bash
# Builds Fujin and serves it with the embedded Shenzhen demo feed at
# http://127.0.0.1:8080/ (set PORT to change). Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$PWD/.tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
echo "Fujin will be at http://127.0.0.1:${PORT:-8080}/ once built, embedded in a merchant's page at"
echo "/example.html and in an iframe at /example-iframe.html (Ctrl-C stops it)."
exec trunk serve --release --offline --port "${PORT:-8080}"
