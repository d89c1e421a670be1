/*
 * C freestanding agent: clang --target=wasm32-unknown-unknown -nostdlib, no libc at all,
 * with its own per-call bump allocator (bump_alloc.h).
 */
#define AGENT_VERSION "c-freestanding 1.0.0"
#include "bump_alloc.h"
#include "agent_behaviour.h"
