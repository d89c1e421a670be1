#!/usr/bin/env bash
# Installs the C toolchain for agents: clang + lld + wasi-libc + compiler-rt for wasm32 (Debian/Ubuntu),
# and jco via npm.
set -euo pipefail
cd "$(dirname "$0")"
CC="${CC:-clang}"

# True when $CC can compile and link a libc program for wasm32-wasi (the whole toolchain is there).
toolchain_works() {
  local out; out=$(mktemp)
  printf '#include <stdlib.h>\nint main(void) { return abs(-1) - 1; }\n' |
    "$CC" --target=wasm32-wasi -x c - -o "$out" 2>/dev/null
  local rc=$?; rm -f "$out"; return $rc
}
# The major version of clang (compiler-rt for wasm32 is packaged per version); Debian 12's is 14.
clang_major() {
  local v; v=$(clang --version 2>/dev/null | sed -n 's/.*clang version \([0-9]*\)\..*/\1/p' | head -n 1)
  echo "${v:-14}"
}

if ! toolchain_works; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -q && apt-get install -y -q --no-install-recommends clang lld wasi-libc
    apt-get install -y -q --no-install-recommends "libclang-rt-$(clang_major)-dev-wasm32"
    toolchain_works || { echo "clang still cannot build for wasm32-wasi (see the messages above)" >&2; exit 1; }
  else
    echo "Install the toolchain (the libclang-rt package matches your clang's major version):" >&2
    echo "  sudo apt-get install -y --no-install-recommends clang lld wasi-libc libclang-rt-$(clang_major)-dev-wasm32" >&2
    echo "Elsewhere (macOS: Apple's clang has no wasm32 target), build in a container:" >&2
    echo "  docker build -t my-agent . && docker run --rm -v \"\$PWD/dist:/out\" my-agent" >&2
    exit 1
  fi
fi
command -v npm >/dev/null || { echo "npm is missing: sudo apt-get install -y nodejs npm" >&2; exit 1; }
if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
