#!/usr/bin/env bash
# Assembles the npm package (fujin-deals) from the release build in dist/
# into target/npm/, packs it with `npm pack` (offline; nothing is
# published) and prints its size. Run `trunk build --release` first (the
# tests do). `npm publish target/npm` would publish it.
set -euo pipefail
cd "$(dirname "$0")/.."

out=target/npm
rm -rf "$out"
mkdir -p "$out"
for f in fujin.js fujin-web.js fujin-web_bg.wasm embed.html embed-page.js embed-page.css; do
  [[ -f dist/$f ]] || { echo "package: dist/$f is missing: run trunk build --release first" >&2; exit 1; }
  cp "dist/$f" "$out/"
done
cp static/npm/package.json static/npm/fujin.d.ts LICENSE-MIT LICENSE-APACHE "$out/"
cp docs/embedding.md "$out/README.md"
# The README's screenshot lives in the repository, not the package.
sed -i 's|(screenshot-embedded.png)|(https://example.invalid/fujin/docs/screenshot-embedded.png)|; s|(feed.md)|(https://example.invalid/fujin/docs/feed.md)|' "$out/README.md"

tarball=$(cd "$out" && npm pack --silent --pack-destination .. 2>/dev/null | tail -n1)
listed=$(tar tzf "target/$tarball" | sort | tr '\n' ' ')
for f in fujin.js fujin.d.ts fujin-web.js fujin-web_bg.wasm embed.html package.json README.md; do
  [[ $listed == *"package/$f "* ]] || { echo "package: $f is not in target/$tarball" >&2; exit 1; }
done
node -e 'const p = require(process.argv[1]); if (!p.name || !p.license || !p.types) process.exit(1)' "$PWD/$out/package.json"
echo "package: target/$tarball, $(stat -c %s "target/$tarball") bytes (gzip tarball); files: $listed"
