#!/usr/bin/env bash
# Installs the JavaScript component toolchain (componentize-js, jco) locally with npm.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v npm >/dev/null; then
  echo "npm is missing. Install Node.js 20 or newer (Debian: sudo apt-get install -y nodejs npm)," >&2
  echo "or build in a container: docker build -t my-agent . && docker run --rm -v \"\$PWD/dist:/out\" my-agent" >&2
  exit 1
fi
if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
