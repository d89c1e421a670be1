#!/usr/bin/env bash
# Builds agent.js into dist/agent.wasm, a component of the world in wit/agent.wit.
set -euo pipefail
cd "$(dirname "$0")"
[ -d node_modules/@bytecodealliance/componentize-js ] || ./setup.sh
mkdir -p dist
# componentize-js only says "failed to parse JS source": node names the line and the column
node --check agent.js
# The WASI features (stdio, clocks, random, http) are switched off: the host gives agents no network
# or files, and the component then needs no WASI imports at all. Remove the --disable flags if you use
# console.log or Math.random: the runner provides WASI too (sandboxed), and console.log lines then
# show up in the agent's console.
npx --no-install componentize-js agent.js --wit wit/agent.wit --world-name agent-world \
  --disable stdio random clocks http fetch-event -o dist/agent.wasm
echo "built dist/agent.wasm ($(wc -c <dist/agent.wasm) bytes)"
