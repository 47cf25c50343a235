#!/usr/bin/env bash
# Accessibility checks of the release build in dist/ (see scripts/a11y.py):
# axe-core on every view in both languages, and a keyboard-only journey
# from the page start to a voucher.
set -euo pipefail
cd "$(dirname "$0")/.."
CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}" exec python3 scripts/a11y.py dist
