#!/usr/bin/env bash
# Re-fetches the seed's JS template sources that build-test-agents.sh builds unchanged (seed-template-js),
# byte for byte, from the seed repository (github.com/hwclass/mowai) at the pinned commit, and rewrites
# seed-files.txt (git blob id and path of each). Needs git and the network; the build runs offline from
# the checked-in copies.
# usage: agent-runner-service/src/test/agents/seed/fetch.sh [COMMIT]
set -euo pipefail
commit="${1:-e1624915530442c9ddc2a293731c11c92e8c9b23}"
here="$(cd "$(dirname "$0")" && pwd)"
files=(
  templates/js/agent.js
  templates/js/wit/agent.wit
)
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
git clone -q --filter=blob:none --no-checkout https://github.com/hwclass/mowai.git "$tmp/seed"
{
  echo "# git blob id and path of each file, as in the seed repository at commit $commit"
  for f in "${files[@]}"; do
    mkdir -p "$here/$(dirname "$f")"
    git -C "$tmp/seed" show "$commit:$f" > "$here/$f"
    echo "$(git -C "$tmp/seed" rev-parse "$commit:$f") $f"
  done
} > "$here/seed-files.txt"
echo "seed files of $commit written to $here"
