#!/usr/bin/env bash
# Installs the C toolchain for agents: clang + lld + wasi-libc (Debian/Ubuntu), and jco via npm.
set -euo pipefail
cd "$(dirname "$0")"
PKGS="clang lld wasi-libc libclang-rt-14-dev-wasm32"
if ! command -v clang >/dev/null || [ ! -d /usr/share/wasi-sysroot ] && [ ! -d /usr/lib/wasm32-wasi ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -q && apt-get install -y -q --no-install-recommends $PKGS
  else
    echo "Install the toolchain: sudo apt-get install -y --no-install-recommends $PKGS" >&2
    echo "(macOS: brew install llvm wasi-libc; or build in a container:" >&2
    echo "  docker build -t my-agent . && docker run --rm -v \"\$PWD/dist:/out\" my-agent)" >&2
    exit 1
  fi
fi
command -v npm >/dev/null || { echo "npm is missing: sudo apt-get install -y nodejs npm" >&2; exit 1; }
if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
