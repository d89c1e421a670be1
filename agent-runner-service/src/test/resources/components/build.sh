#!/usr/bin/env bash
# Rebuilds the checked-in test components from their WAT sources with `jco parse` (wasm-tools).
# Uses jco from agent-runner-service/src/test/node when installed there (npm ci), else npx.
set -euo pipefail
cd "$(dirname "$0")"
node_dir=../../node
if [ -x "$node_dir/node_modules/.bin/jco" ]; then jco="$node_dir/node_modules/.bin/jco"; else jco="npx --yes @bytecodealliance/jco@1.35.0"; fi
for wat in *.wat; do
  $jco parse "$wat" -o "${wat%.wat}.wasm"
done
