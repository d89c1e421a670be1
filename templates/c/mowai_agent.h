/*
 * Mowai agent binding for C: the world `mowai:agent/agent-world@0.1.0` (wit/agent.wit) in the
 * canonical ABI, wasm32, utf-8 strings. You normally only use the functions at the bottom
 * (agent_llm, agent_broadcast, agent_log, agent_now_ms, agent_config) and implement the four
 * agent_* callbacks declared there; this header does the ABI plumbing.
 *
 * Memory: strings the host hands you (task, peer thoughts, llm replies, config) are malloc'ed in
 * your memory and yours to free(); strings you return are freed by the host-called post-return.
 */
#ifndef MOWAI_AGENT_H
#define MOWAI_AGENT_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct { char *ptr; size_t len; } mw_string;
typedef struct { mw_string name, color, persona; } mw_config;
typedef struct { mw_string name, version, color, persona; } mw_info;

/* ---- imports, as the host provides them (module "$root", the names wit-component expects) ---- */
#define MW_IMPORT(n) __attribute__((import_module("$root"), import_name(n)))
MW_IMPORT("host-llm") void mw_import_host_llm(const char *p, size_t n, mw_string *ret);
MW_IMPORT("broadcast") void mw_import_broadcast(const char *p, size_t n);
MW_IMPORT("now-ms") uint64_t mw_import_now_ms(void);
MW_IMPORT("log") void mw_import_log(const char *lp, size_t ln, const char *mp, size_t mn);
MW_IMPORT("get-config") void mw_import_get_config(mw_config *ret);

/* ---- what you implement ---- */
void agent_init(void);
/* Return malloc'ed, NUL-terminated strings or string literals duplicated with strdup. */
mw_info agent_info(void);
/* `task` is NUL-terminated; return a malloc'ed NUL-terminated answer. */
char *agent_handle_task(const char *task);
void agent_on_peer_thought(const char *peer_id, const char *content);

/* ---- what you call ---- */
static inline mw_string mw_cstr(const char *s) { return (mw_string){(char *)s, strlen(s)}; }

/* Asks the language model; returns a malloc'ed NUL-terminated reply (free it). */
static inline char *agent_llm(const char *prompt) {
    mw_string r;
    mw_import_host_llm(prompt, strlen(prompt), &r);
    char *out = realloc(r.ptr, r.len + 1);   /* room for the terminator */
    out[r.len] = 0;
    return out;
}
static inline void agent_broadcast(const char *m) { mw_import_broadcast(m, strlen(m)); }
static inline void agent_log(const char *level, const char *m) { mw_import_log(level, strlen(level), m, strlen(m)); }
static inline uint64_t agent_now_ms(void) { return mw_import_now_ms(); }
/* The upload's settings (asked once, then kept); the strings are NOT NUL-terminated: use the lengths. */
mw_config agent_config(void);

#endif
