/*
 * C agent that uses libc stdio: on-init prints one line to stderr and one to stdout, so the core
 * module imports wasi_snapshot_preview1 and the component is made with the preview1 reactor
 * adapter (it then imports wasi io/cli/filesystem). Otherwise the documented behaviour.
 */
#include <stdio.h>
#include <stdlib.h>

#define AGENT_VERSION "c-wasi 1.0.0"
#define AGENT_ON_INIT_EXTRA() agent_print_banner()
static void agent_print_banner(void);
#include "agent_behaviour.h"

static void agent_print_banner(void) {
    fprintf(stderr, "c-wasi agent: stderr works (\xC3\xA9 \xF0\x9F\x8C\x8D)\n");
    printf("c-wasi agent: stdout works\n");
    fflush(stdout);
}

void *mw_realloc(void *old, size_t old_size, size_t align, size_t new_size) {
    (void)old_size;
    (void)align;
    return realloc(old, new_size);
}

void mw_free(void *ptr) { free(ptr); }

void mw_call_done(void) {}
