#!/usr/bin/env bash
# Re-fetches the seed's client files that SeedClientBrowserTest runs unchanged, byte for byte, from the
# seed repository (github.com/hwclass/mowai) at the pinned commit, and rewrites seed-files.txt (git blob id
# and path of each). Needs git and the network; the test itself runs offline from the checked-in copies.
# usage: arena-service/src/test/seed/fetch.sh [COMMIT]
set -euo pipefail
commit="${1:-e1624915530442c9ddc2a293731c11c92e8c9b23}"
here="$(cd "$(dirname "$0")" && pwd)"
files=(
  packages/participant-ui/runtime/arena-client.mjs
  packages/arena-ui/index.html
  packages/arena-ui/components/mowai-chat.mjs
  packages/arena-ui/components/mowai-command.mjs
  packages/arena-ui/components/mowai-message.mjs
  packages/arena-ui/components/mowai-roster.mjs
  packages/arena-ui/components/mowai-task-banner.mjs
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
