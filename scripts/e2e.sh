#!/usr/bin/env bash
# End-to-end check of the release build in dist/ (see scripts/e2e.py): the
# standalone page lists the demo deals and opens a deal with its buy box.
set -euo pipefail
cd "$(dirname "$0")/.."
CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}" exec python3 scripts/e2e.py dist
