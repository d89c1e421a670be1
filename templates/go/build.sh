#!/usr/bin/env bash
# Builds the agent into dist/agent.wasm: wit-bindgen-go generates ./gen, TinyGo builds a wasip2 component.
set -euo pipefail
cd "$(dirname "$0")"
PATH="$PATH:$(go env GOPATH 2>/dev/null || echo "$HOME/go")/bin" # where `go install` puts wit-bindgen-go
command -v tinygo >/dev/null && command -v wit-bindgen-go >/dev/null || ./setup.sh

# TinyGo's wasip2 runtime imports WASI (the imports of wasi:cli), so the world TinyGo builds must include
# them. build/wit = wit/agent.wit (unchanged) + the world tinygo-agent-world (agent-world plus
# wasi:cli/imports) + the WASI WIT that ships with TinyGo (lib/wasi-cli/wit), so no download is needed.
wasi="$(tinygo env TINYGOROOT)/lib/wasi-cli/wit"
[ -d "$wasi/deps" ] || { echo "no WASI WIT at $wasi: TinyGo 0.34 or newer is needed" >&2; exit 1; }
cli=$(sed -n 's/^package \(wasi:cli@[^;]*\);.*/\1/p' "$wasi"/*.wit | head -n 1) # e.g. wasi:cli@0.2.0
rm -rf build/wit gen
mkdir -p build/wit/deps/cli dist
cp wit/agent.wit build/wit/
cp "$wasi"/*.wit build/wit/deps/cli/
cp -R "$wasi"/deps/. build/wit/deps/
cat >build/wit/tinygo.wit <<WIT
package mowai:agent@0.1.0;

world tinygo-agent-world {
  include agent-world;
  include ${cli%@*}/imports@${cli#*@};
}
WIT

# Bindings for agent-world only (package gen/mowai/agent/agent-world); TinyGo links the WASI part itself.
wit-bindgen-go generate --world agent-world --out gen ./build/wit
go mod tidy
tinygo build -target=wasip2 -no-debug --wit-package ./build/wit --wit-world tinygo-agent-world -o dist/agent.wasm .
echo "built dist/agent.wasm ($(wc -c <dist/agent.wasm) bytes)"
