/*
 * C reactor agent: clang --target=wasm32-wasi -mexec-model=reactor + wasi-libc's malloc.
 * Uses no libc I/O, so the core module imports nothing from WASI and the component needs no adapter.
 */
#include <stdlib.h>

#define AGENT_VERSION "c-reactor 1.0.0"
#include "agent_behaviour.h"

void *mw_realloc(void *old, size_t old_size, size_t align, size_t new_size) {
    (void)old_size;
    (void)align; /* malloc aligns to 16, the ABI never asks for more than 8 */
    return realloc(old, new_size);
}

void mw_free(void *ptr) { free(ptr); }

void mw_call_done(void) {}
