#!/usr/bin/env bash
# Builds the agent into dist/agent.wasm: wit-bindgen-go generates ./gen, TinyGo builds a wasip2 component.
set -euo pipefail
cd "$(dirname "$0")"
command -v tinygo >/dev/null && command -v wit-bindgen-go >/dev/null || ./setup.sh
wit-bindgen-go generate --world agent-world --out gen ./wit
mkdir -p dist
tinygo build -target=wasip2 --wit-package ./wit --wit-world agent-world -o dist/agent.wasm .
echo "built dist/agent.wasm ($(wc -c <dist/agent.wasm) bytes)"
