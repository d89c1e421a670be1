#!/usr/bin/env bash
# Checks for TinyGo (>= 0.34, wasip2 support) and installs wit-bindgen-go.
set -euo pipefail
if ! command -v tinygo >/dev/null; then
  echo "Install TinyGo 0.34 or newer: https://tinygo.org/getting-started/install/ (then run this again)," >&2
  echo "or build in a container: docker build -t my-agent . && docker run --rm -v \"\$PWD/dist:/out\" my-agent" >&2
  exit 1
fi
go install go.bytecodealliance.org/cmd/wit-bindgen-go@v0.6.2
