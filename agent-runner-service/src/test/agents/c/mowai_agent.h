/*
 * Hand-written canonical ABI binding for the world `mowai:agent/agent-world@0.1.0` (wit/agent.wit),
 * wasm32, string encoding utf8. Shared by every C test agent.
 *
 * Imports come from the core module "$root" (the names wit-component expects for world-level
 * functions). A string crosses the boundary as {i32 ptr, i32 len}; strings the host returns are
 * allocated in our memory through our `cabi_realloc` and become ours to free.
 */
#ifndef MOWAI_AGENT_H
#define MOWAI_AGENT_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    char *ptr;
    size_t len;
} mw_str;

/* record agent-config: 3 strings, 24 bytes, align 4 */
typedef struct {
    mw_str name, color, persona;
} mw_config;

/* record agent-info: 4 strings, 32 bytes, align 4 */
typedef struct {
    mw_str name, version, color, persona;
} mw_info;

_Static_assert(sizeof(mw_str) == 8, "string is {ptr,len}");
_Static_assert(sizeof(mw_config) == 24, "agent-config is 24 bytes");
_Static_assert(sizeof(mw_info) == 32, "agent-info is 32 bytes");

#define MW_IMPORT(name) __attribute__((import_module("$root"), import_name(name)))
#define MW_EXPORT(name) __attribute__((export_name(name)))

/* host-llm: func(prompt: string) -> string; the reply is written at `ret`. */
MW_IMPORT("host-llm") void mw_host_llm(const char *prompt, size_t len, mw_str *ret);
/* broadcast: func(message: string) */
MW_IMPORT("broadcast") void mw_broadcast(const char *msg, size_t len);
/* now-ms: func() -> u64 */
MW_IMPORT("now-ms") uint64_t mw_now_ms(void);
/* log: func(level: string, message: string) */
MW_IMPORT("log") void mw_log(const char *level, size_t level_len, const char *msg, size_t msg_len);
/* get-config: func() -> agent-config; the record is written at `ret`. */
MW_IMPORT("get-config") void mw_get_config(mw_config *ret);

/*
 * Memory the platform layer provides (malloc-based in the reactor builds, a per-call bump arena
 * in the freestanding ones). `mw_realloc` has cabi_realloc's contract.
 */
void *mw_realloc(void *old, size_t old_size, size_t align, size_t new_size);
void mw_free(void *ptr);
/* Called when an export call is completely over (after post-return): the arena may be reset. */
void mw_call_done(void);

#endif
