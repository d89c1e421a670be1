/*
 * C agent that tries to reach the file system through wasi-libc (→ preview1 adapter →
 * wasi:filesystem). on-init tries to open "/etc/passwd" for reading and to create "mowai-probe.txt"
 * and logs each outcome at level "warn" as "open <path>: errno <n> (<strerror>)" — or
 * "open <path>: succeeded", which a sandboxed host must never produce. Otherwise the documented
 * behaviour.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define AGENT_VERSION "c-wasi-files 1.0.0"
#define AGENT_ON_INIT_EXTRA() agent_probe_files()
static void agent_probe_files(void);
#include "agent_behaviour.h"

static void probe(const char *path, int flags) {
    int fd = open(path, flags, 0644);
    int err = errno;
    mw_buf b = {0};
    buf_cstr(&b, "open ");
    buf_cstr(&b, path);
    if (fd >= 0) {
        buf_cstr(&b, ": succeeded");
        close(fd);
    } else {
        buf_cstr(&b, ": errno ");
        buf_u32(&b, (uint32_t)err);
        buf_cstr(&b, " (");
        buf_cstr(&b, strerror(err));
        buf_cstr(&b, ")");
    }
    log_buf("warn", &b);
    mw_free(b.ptr);
}

static void agent_probe_files(void) {
    probe("/etc/passwd", O_RDONLY);
    probe("mowai-probe.txt", O_WRONLY | O_CREAT | O_TRUNC);
}

void *mw_realloc(void *old, size_t old_size, size_t align, size_t new_size) {
    (void)old_size;
    (void)align;
    return realloc(old, new_size);
}

void mw_free(void *ptr) { free(ptr); }

void mw_call_done(void) {}
