#!/usr/bin/env bash
# Builds every test component of the agent runner from the sources in this folder into
# agent-runner-service/target/test-agents/ (or the folder given as $1). Run by Maven at
# generate-test-resources; also runnable by hand. See README.md for what each component does.
#
# Incremental: each output has a stamp (sha256 of its inputs, the build command and the tool
# versions); an output whose stamp is unchanged is not rebuilt.
# A missing toolchain skips the components that need it, says so on stderr and lists them in
# OUT/SKIPPED.txt (the fixture test turns those into skipped tests) — except when CI=true or
# MOWAI_REQUIRE_TOOLCHAINS=1, where it fails the build: CI has every toolchain.
# A failing build fails the script.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
MODULE="$(cd "$HERE/../../.." && pwd)"
ROOT="$(cd "$MODULE/.." && pwd)"
NODE_DIR="$MODULE/src/test/node"
OUT="${1:-$MODULE/target/test-agents}"
# Components are built against our wit/agent.wit ($WIT) or the seed's own text of it, kept verbatim
# as a fixture ($SEED_WIT): agents written for the seed must run unchanged. A build picks its WIT
# with `WIT=... build ...`; the stamp covers the WIT used.
WIT="$ROOT/wit/agent.wit"
SEED_WIT="$HERE/wit/seed-agent.wit"
WORLD=agent-world
RUSTC="${MOWAI_RUSTC:-/usr/bin/rustc}"  # Debian rustc 1.63 (a rustup rustc first on PATH has no wasm std)
WORK="$OUT/.work"
mkdir -p "$OUT" "$WORK" "$OUT/.stamps"
# Several builds of this module may run at once (people share the machine): one at a time per
# output folder, and one `npm ci` at a time per node folder.
exec 9>"$OUT/.lock"
flock 9
: >"$OUT/SKIPPED.txt.new"

say() { printf '[test-agents] %s\n' "$*" >&2; }

# ---- toolchain detection: sets HAVE_<tool>=1 or records why not ----
declare -A MISSING=()
check_clang() {
  command -v clang >/dev/null || { MISSING[clang]="clang not found (apt-get install clang lld)"; return; }
  command -v wasm-ld >/dev/null || { MISSING[clang]="wasm-ld not found (apt-get install lld)"; return; }
  local probe="$WORK/probe.c"
  printf '#include <stdlib.h>\nvoid *f(size_t n){return malloc(n);}\n' >"$probe"
  clang --target=wasm32-wasi -mexec-model=reactor -o "$WORK/probe.wasm" "$probe" 2>/dev/null ||
    MISSING[clang]="clang cannot link wasm32-wasi (apt-get install wasi-libc libclang-rt-14-dev-wasm32)"
}
check_rustc() {
  [ -x "$RUSTC" ] || { MISSING[rustc]="$RUSTC not found (apt-get install rustc libstd-rust-dev-wasm32)"; return; }
  local probe="$WORK/probe.rs"
  printf '#[no_mangle] pub extern "C" fn f() -> u32 { 1 }\n' >"$probe"
  local t
  for t in wasm32-unknown-unknown wasm32-wasi; do
    "$RUSTC" --target "$t" --crate-type cdylib -o "$WORK/probe-$t.wasm" "$probe" 2>/dev/null ||
      { MISSING[rustc]="$RUSTC has no $t std (apt-get install libstd-rust-dev-wasm32)"; return; }
  done
}
check_node() {
  command -v node >/dev/null || { MISSING[node]="node not found (apt-get install nodejs npm)"; return; }
  if [ ! -d "$NODE_DIR/node_modules/@bytecodealliance/jco" ] ||
     [ "$NODE_DIR/package-lock.json" -nt "$NODE_DIR/node_modules/.package-lock.json" ]; then
    if command -v npm >/dev/null; then
      say "installing npm packages in $NODE_DIR"
      (cd "$NODE_DIR" && flock "$NODE_DIR/package-lock.json" npm ci --no-audit --no-fund --loglevel=error) >&2 ||
        { MISSING[node]="npm ci failed in $NODE_DIR"; return; }
    else
      MISSING[node]="npm not found and $NODE_DIR/node_modules missing"; return
    fi
  fi
}
check_clang
check_rustc
check_node
# In CI a missing toolchain is an error, not a skip (CI=true is set by most CI systems).
if [ ${#MISSING[@]} -gt 0 ] && { [ "${CI:-}" = true ] || [ "${MOWAI_REQUIRE_TOOLCHAINS:-}" = 1 ]; }; then
  for tool in "${!MISSING[@]}"; do say "MISSING $tool: ${MISSING[$tool]}"; done
  say "toolchains are required here (CI=true or MOWAI_REQUIRE_TOOLCHAINS=1): failing"
  exit 1
fi

tool_versions() {
  { clang --version 2>/dev/null | head -1; "$RUSTC" --version 2>/dev/null; node --version 2>/dev/null
    sha256sum <"$NODE_DIR/package-lock.json" 2>/dev/null; } | sha256sum | cut -d' ' -f1
}
TOOLS_ID="$(tool_versions)"

BUILT=0 SKIPPED=0 UPTODATE=0
# build NAME "TOOLS" "INPUT FILES" COMMAND...  — COMMAND must write $OUT/NAME.wasm
build() {
  local name="$1" tools="$2" inputs="$3"; shift 3
  local tool
  for tool in $tools; do
    if [ -n "${MISSING[$tool]:-}" ]; then
      say "SKIPPED $name.wasm: ${MISSING[$tool]}"
      printf '%s.wasm\t%s\n' "$name" "${MISSING[$tool]}" >>"$OUT/SKIPPED.txt.new"
      SKIPPED=$((SKIPPED + 1))
      return
    fi
  done
  local stamp
  # shellcheck disable=SC2086
  # the stamp covers the recipe (the bodies of the build functions used), not the whole script:
  # editing one recipe must not rebuild the 12 MB JS agents
  stamp="$( { echo "$TOOLS_ID $*"; declare -f "$1" componentize; echo "${CFLAGS[*]}"; cat $inputs "$WIT"; } |
    sha256sum | cut -d' ' -f1)"
  if [ -f "$OUT/$name.wasm" ] && [ "$(cat "$OUT/.stamps/$name" 2>/dev/null)" = "$stamp" ]; then
    UPTODATE=$((UPTODATE + 1))
    return
  fi
  local start=$SECONDS
  rm -f "$OUT/$name.wasm" "$OUT/.stamps/$name"
  "$@"
  [ -f "$OUT/$name.wasm" ] || { say "FAILED $name.wasm: no output"; exit 1; }
  echo "$stamp" >"$OUT/.stamps/$name"
  say "built $name.wasm ($(stat -c %s "$OUT/$name.wasm") bytes, $((SECONDS - start)) s)"
  BUILT=$((BUILT + 1))
}

CFLAGS=(-O2 -Wall -Wextra -Werror -Wl,--strip-debug)
componentize() { # CORE OUT [extra args]
  node "$NODE_DIR/componentize-core.mjs" "$1" "$2" --wit "$WIT" --world "$WORLD" "${@:3}"
}
c_reactor() { # NAME SOURCE [--wasi-reactor]
  clang --target=wasm32-wasi -mexec-model=reactor "${CFLAGS[@]}" -o "$WORK/$1.core.wasm" "$HERE/c/$2"
  componentize "$WORK/$1.core.wasm" "$OUT/$1.wasm" "${@:3}"
}
c_freestanding() { # NAME SOURCE [clang flags]
  clang --target=wasm32-unknown-unknown -nostdlib -Wl,--no-entry "${CFLAGS[@]}" "${@:3}" \
    -o "$WORK/$1.core.wasm" "$HERE/c/$2"
  componentize "$WORK/$1.core.wasm" "$OUT/$1.wasm"
}
rust_agent() { # NAME TARGET [--wasi-reactor]
  "$RUSTC" --edition 2021 --target "$2" --crate-type cdylib -C opt-level=2 -C panic=abort -C lto \
    -C strip=debuginfo -D warnings -o "$WORK/$1.core.wasm" "$HERE/rust/agent.rs"
  componentize "$WORK/$1.core.wasm" "$OUT/$1.wasm" "${@:3}"
}
js_agent() { # NAME [--disable FEATURE]...
  node "$NODE_DIR/componentize-js-agent.mjs" "$HERE/js/agent.js" "$OUT/$1.wasm" \
    --wit "$WIT" --world "$WORLD" "${@:2}"
}
# The seed's own JS template (seed/templates/js, verbatim copies), built as its build.sh does: the
# template's wit folder, world agent-world, componentize-js default features.
SEED_TEMPLATE_JS="$HERE/seed/templates/js"
seed_template_js() { # NAME
  node "$NODE_DIR/componentize-js-agent.mjs" "$SEED_TEMPLATE_JS/agent.js" "$OUT/$1.wasm" \
    --wit "$SEED_TEMPLATE_JS/wit" --world agent-world
}
# Participant templates (issue 9), built as a participant builds them: `./mowai init`, the
# template's own pinned npm packages (npm ci), then its build.sh.
template_agent() { # NAME LANG
  local dir="$WORK/$1"
  rm -rf "$dir"
  "$ROOT/mowai" init "$2" "$dir" >/dev/null 2>&1
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error --prefer-offline && ./build.sh) >&2
  cp "$dir/dist/agent.wasm" "$OUT/$1.wasm"
}
wat_component() { # NAME
  node "$NODE_DIR/wat-to-component.mjs" "$HERE/wat/$1.wat" "$OUT/$1.wasm"
}

# Variants of the seed's WIT (written before any build, so their stamps see them): one whose only
# difference is parameter names (it conforms), and three real mismatches (refused).
seed_variant() { # NAME SED-SCRIPT — writes $WORK/NAME.wit
  sed "$2" "$SEED_WIT" >"$WORK/$1.wit.new"
  cmp -s "$WORK/$1.wit.new" "$SEED_WIT" && { say "FAILED: seed_variant $1 changed nothing"; exit 1; }
  mv "$WORK/$1.wit.new" "$WORK/$1.wit"
}
seed_variant renamed-params 's/task-description: string/task: string/; s/thought: string)/content: string)/; s/(prompt: string)/(question: string)/'
seed_variant u32-task 's/task-description: string/task: u32/'
seed_variant missing-export '/export on-peer-thought/d'
seed_variant renamed-field 's/^version: string,/release: string,/'

C_COMMON="$HERE/c/mowai_agent.h $HERE/c/agent_behaviour.h"
C_NODE="$NODE_DIR/componentize-core.mjs"

# The two JS builds (SpiderMonkey, ≈ 1 min of one core and 800 MB each) run in the background
# while the small ones build; their counts come back through files.
JS_DEPS="$NODE_DIR/componentize-js-agent.mjs $HERE/js/agent.js"
background_build() { # LOG NAME ARGS... — runs build in a subshell, records its counters
  local log="$1"; shift
  ( BUILT=0 SKIPPED=0 UPTODATE=0; build "$@"; echo "$BUILT $UPTODATE $SKIPPED" >"$log.counts" ) 2>&1 | sed 's/^/  /' >&2
}
# never leave a background build running when this script stops early
trap 'jobs -p | xargs -r kill 2>/dev/null || true' EXIT
WIT="$SEED_WIT" background_build "$WORK/js" js "node" "$JS_DEPS" \
  js_agent js --disable stdio --disable random --disable clocks --disable http --disable fetch-event &
JS_PID=$!
# WASI agents (issue 5) start with the default-feature JS agent (≈ 12 MB, imports 65 WASI functions).
WIT="$SEED_WIT" background_build "$WORK/js-wasi" js-wasi "node" "$JS_DEPS" js_agent js-wasi &
JS_WASI_PID=$!
template_inputs() { find "$ROOT/templates/$1" -path '*/node_modules' -prune -o -path '*/dist' -prune -o -type f -print | sort | tr '\n' ' '; }
background_build "$WORK/template-js" template-js "node" "$(template_inputs js) $ROOT/mowai" template_agent template-js js &
TEMPLATE_JS_PID=$!

# Pure agents: the component imports only the five world functions. The seed's WIT for one build of
# each toolchain with and without WASI (c-reactor, rust, js; c-wasi, rust-wasi, js-wasi), ours for
# the others (c-freestanding, c-wasi-files, hostile-*, the templates).
WIT="$SEED_WIT" build c-reactor "clang node" "$C_COMMON $C_NODE $HERE/c/reactor.c" c_reactor c-reactor reactor.c
build c-freestanding "clang node" "$C_COMMON $C_NODE $HERE/c/bump_alloc.h $HERE/c/freestanding.c" \
  c_freestanding c-freestanding freestanding.c
WIT="$SEED_WIT" build rust "rustc node" "$C_NODE $HERE/rust/agent.rs" rust_agent rust wasm32-unknown-unknown

# WASI agents (issue 5): default toolchain settings, imports WASI.
WIT="$SEED_WIT" build c-wasi "clang node" "$C_COMMON $C_NODE $HERE/c/wasi_stderr.c" c_reactor c-wasi wasi_stderr.c --wasi-reactor
build c-wasi-files "clang node" "$C_COMMON $C_NODE $HERE/c/wasi_files.c" c_reactor c-wasi-files wasi_files.c --wasi-reactor
WIT="$SEED_WIT" build rust-wasi "rustc node" "$C_NODE $HERE/rust/agent.rs" rust_agent rust-wasi wasm32-wasi --wasi-reactor

# Hostile agents: one misbehaviour each in handle-task.
for kind in loop membomb oob-pointer bad-utf8 flood recursion; do
  macro="HOSTILE_$(echo "$kind" | tr 'a-z-' 'A-Z_')"
  build "hostile-$kind" "clang node" "$C_COMMON $C_NODE $HERE/c/bump_alloc.h $HERE/c/hostile.c" \
    c_freestanding "hostile-$kind" hostile.c "-D$macro" -Wno-unused-function
done

# Against the seed's WIT with only parameter names changed (conforms), and real mismatches (refused).
FREESTANDING="$C_COMMON $C_NODE $HERE/c/bump_alloc.h"
WIT="$WORK/renamed-params.wit" build c-renamed-params "clang node" "$FREESTANDING $HERE/c/freestanding.c" \
  c_freestanding c-renamed-params freestanding.c
WIT="$WORK/missing-export.wit" build mismatch-missing-export "clang node" "$FREESTANDING $HERE/c/freestanding.c" \
  c_freestanding mismatch-missing-export freestanding.c
WIT="$WORK/renamed-field.wit" build mismatch-renamed-field "clang node" "$FREESTANDING $HERE/c/freestanding.c" \
  c_freestanding mismatch-renamed-field freestanding.c
WIT="$WORK/u32-task.wit" build mismatch-u32-task "clang node" "$FREESTANDING $HERE/c/u32_task.c" \
  c_freestanding mismatch-u32-task u32_task.c -Wno-unused-function

build template-c "clang node" "$(template_inputs c) $ROOT/mowai" template_agent template-c c

# The seed's JS template starts when the js build is done: one SpiderMonkey build (800 MB) fewer at once.
wait "$JS_PID" || { say "FAILED: the js agent build"; exit 1; }
background_build "$WORK/seed-template-js" seed-template-js "node" \
  "$NODE_DIR/componentize-js-agent.mjs $SEED_TEMPLATE_JS/agent.js $SEED_TEMPLATE_JS/wit/agent.wit" \
  seed_template_js seed-template-js &
SEED_TEMPLATE_JS_PID=$!

# Hand-made components in WAT for the canonical ABI (every value type, string encodings).
for wat in "$HERE"/wat/*.wat; do
  [ -e "$wat" ] || continue
  name="$(basename "$wat" .wat)"
  build "$name" "node" "$NODE_DIR/wat-to-component.mjs $wat" wat_component "$name"
done

wait "$JS_WASI_PID" || { say "FAILED: the js-wasi agent build"; exit 1; }
wait "$TEMPLATE_JS_PID" || { say "FAILED: the template-js agent build"; exit 1; }
wait "$SEED_TEMPLATE_JS_PID" || { say "FAILED: the seed-template-js agent build"; exit 1; }
for counts in "$WORK/js.counts" "$WORK/js-wasi.counts" "$WORK/template-js.counts" "$WORK/seed-template-js.counts"; do
  read -r b u k <"$counts" || { say "FAILED: $counts missing"; exit 1; }
  BUILT=$((BUILT + b)) UPTODATE=$((UPTODATE + u)) SKIPPED=$((SKIPPED + k))
  rm -f "$counts"
done

mv "$OUT/SKIPPED.txt.new" "$OUT/SKIPPED.txt"
[ -s "$OUT/SKIPPED.txt" ] || rm -f "$OUT/SKIPPED.txt"
say "done: $BUILT built, $UPTODATE up to date, $SKIPPED skipped (missing toolchain) → $OUT"
