#!/usr/bin/env bash
# Builds agent.c into dist/agent.wasm, a component of the world in wit/agent.wit.
set -euo pipefail
cd "$(dirname "$0")"
CC="${CC:-clang}"
command -v "$CC" >/dev/null && [ -d node_modules/@bytecodealliance/jco ] || ./setup.sh
mkdir -p dist
# A reactor: no main(); the host calls the exports. -O2 and no debug info keep it small.
"$CC" --target=wasm32-wasi -mexec-model=reactor -O2 -Wall -Wextra -Wl,--strip-debug \
  -o dist/agent.core.wasm agent.c mowai_agent.c
node componentize.mjs dist/agent.core.wasm dist/agent.wasm
echo "built dist/agent.wasm ($(wc -c <dist/agent.wasm) bytes)"
