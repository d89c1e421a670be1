/* The canonical-ABI exports of the agent world, forwarding to the agent_* functions you write. */
#include "mowai_agent.h"

#define MW_EXPORT(n) __attribute__((export_name(n)))

/* Allocation for strings the host passes in (wasi-libc malloc aligns to 16, enough for the ABI). */
MW_EXPORT("cabi_realloc") void *cabi_realloc(void *old, size_t old_size, size_t align, size_t new_size) {
    (void)old_size; (void)align;
    return realloc(old, new_size);
}

static char *terminated(char *p, size_t n) {
    char *s = realloc(p, n + 1);
    s[n] = 0;
    return s;
}

mw_config agent_config(void) {
    static mw_config config;
    static int known;
    if (!known) { mw_import_get_config(&config); known = 1; }  /* the config never changes */
    return config;
}

MW_EXPORT("on-init") void mw_export_on_init(void) { agent_init(); }

static mw_info info_result;
MW_EXPORT("get-info") mw_info *mw_export_get_info(void) {
    mw_info i = agent_info();
    info_result = (mw_info){mw_cstr(i.name.ptr), mw_cstr(i.version.ptr), mw_cstr(i.color.ptr), mw_cstr(i.persona.ptr)};
    return &info_result;
}
MW_EXPORT("cabi_post_get-info") void mw_post_get_info(mw_info *i) {
    free(i->name.ptr); free(i->version.ptr); free(i->color.ptr); free(i->persona.ptr);
}

static mw_string task_result;
MW_EXPORT("handle-task") mw_string *mw_export_handle_task(char *p, size_t n) {
    char *task = terminated(p, n);
    task_result = mw_cstr(agent_handle_task(task));
    free(task);
    return &task_result;
}
MW_EXPORT("cabi_post_handle-task") void mw_post_handle_task(mw_string *r) { free(r->ptr); }

MW_EXPORT("on-peer-thought") void mw_export_on_peer_thought(char *pp, size_t pn, char *cp, size_t cn) {
    char *peer = terminated(pp, pn), *content = terminated(cp, cn);
    agent_on_peer_thought(peer, content);
    free(peer); free(content);
}
