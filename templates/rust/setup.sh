#!/usr/bin/env bash
# Installs the Rust component toolchain: rustup's stable Rust, the wasm32-wasip1 target, cargo-component 0.21.1.
set -euo pipefail
if ! command -v rustup >/dev/null; then
  echo "Install Rust with rustup first: https://rustup.rs (then run this again)," >&2
  echo "or build in a container: docker build -t my-agent . && docker run --rm -v \"\$PWD/dist:/out\" my-agent" >&2
  exit 1
fi
rustup target add wasm32-wasip1
cargo install --locked cargo-component@0.21.1 # generates bindings with wit-bindgen 0.41 (Cargo.toml: wit-bindgen-rt 0.41)
