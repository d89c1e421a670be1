#!/usr/bin/env bash
# Builds the agent into dist/agent.wasm with cargo-component (which runs wit-bindgen for you).
set -euo pipefail
cd "$(dirname "$0")"
command -v cargo-component >/dev/null || ./setup.sh
cargo component build --release
mkdir -p dist
cp target/wasm32-wasip1/release/mowai_agent.wasm dist/agent.wasm
echo "built dist/agent.wasm ($(wc -c <dist/agent.wasm) bytes)"
