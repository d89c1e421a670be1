#!/usr/bin/env bash
# Checks for TinyGo (>= 0.34: wasip2 with //go:wasmexport) and installs wit-bindgen-go v0.6.2.
set -euo pipefail
if ! command -v tinygo >/dev/null || ! command -v go >/dev/null; then
  echo "Install Go (1.23 or newer) and TinyGo 0.34 or newer: https://tinygo.org/getting-started/install/" >&2
  echo "(then run this again), or build in a container:" >&2
  echo "  docker build -t my-agent . && docker run --rm -v \"\$PWD/dist:/out\" my-agent" >&2
  exit 1
fi
go install go.bytecodealliance.org/cmd/wit-bindgen-go@v0.6.2
echo "wit-bindgen-go is in $(go env GOPATH)/bin (build.sh finds it there)"
