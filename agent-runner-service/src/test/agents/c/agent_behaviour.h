/*
 * The documented behaviour of every standard test agent (see ../README.md), in C.
 * Include once into a translation unit after defining AGENT_VERSION and, optionally,
 * AGENT_ON_INIT_EXTRA() (WASI builds print from on-init) and AGENT_HANDLE_TASK_OVERRIDE
 * (hostile builds replace handle-task).
 */
#include "mowai_agent.h"

#ifndef AGENT_VERSION
#error "define AGENT_VERSION"
#endif
#ifndef AGENT_ON_INIT_EXTRA
#define AGENT_ON_INIT_EXTRA() ((void)0)
#endif

/* ---- small helpers (no libc: the freestanding build has none) ---- */

static size_t mw_cstrlen(const char *s) {
    size_t n = 0;
    while (s[n]) n++;
    return n;
}

static void mw_copy(char *dst, const char *src, size_t n) {
    for (size_t i = 0; i < n; i++) dst[i] = src[i];
}

/* A growable utf-8 buffer on mw_realloc. */
typedef struct {
    char *ptr;
    size_t len, cap;
} mw_buf;

static void buf_reserve(mw_buf *b, size_t extra) {
    if (b->len + extra <= b->cap) return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra) cap *= 2;
    b->ptr = mw_realloc(b->ptr, b->cap, 1, cap);
    if (!b->ptr) __builtin_trap();
    b->cap = cap;
}

static void buf_add(mw_buf *b, const char *s, size_t n) {
    buf_reserve(b, n);
    mw_copy(b->ptr + b->len, s, n);
    b->len += n;
}

static void buf_cstr(mw_buf *b, const char *s) { buf_add(b, s, mw_cstrlen(s)); }
static void buf_str(mw_buf *b, mw_str s) { buf_add(b, s.ptr, s.len); }

__attribute__((unused)) static void buf_u32(mw_buf *b, uint32_t v) {
    char tmp[10];
    int n = 0;
    do { tmp[n++] = (char)('0' + v % 10); v /= 10; } while (v);
    while (n) buf_add(b, &tmp[--n], 1);
}

/* Byte length of the first `max_chars` code points of a utf-8 string. */
static size_t utf8_head(mw_str s, size_t max_chars) {
    size_t chars = 0;
    for (size_t i = 0; i < s.len; i++) {
        if (((unsigned char)s.ptr[i] & 0xC0) != 0x80) {
            if (chars == max_chars) return i;
            chars++;
        }
    }
    return s.len;
}

static int starts_with(mw_str s, const char *prefix) {
    size_t n = mw_cstrlen(prefix);
    if (s.len < n) return 0;
    for (size_t i = 0; i < n; i++) if (s.ptr[i] != prefix[i]) return 0;
    return 1;
}

static void log_buf(const char *level, mw_buf *b) {
    mw_log(level, mw_cstrlen(level), b->ptr, b->len);
}

static void free_config(mw_config *c) {
    mw_free(c->name.ptr);
    mw_free(c->color.ptr);
    mw_free(c->persona.ptr);
}

/* ---- canonical ABI entry points ---- */

MW_EXPORT("cabi_realloc")
void *cabi_realloc(void *old, size_t old_size, size_t align, size_t new_size) {
    void *p = mw_realloc(old, old_size, align, new_size);
    if (!p && new_size) __builtin_trap();
    return p;
}

MW_EXPORT("on-init")
void on_init(void) {
    mw_config c;
    mw_get_config(&c);
    mw_buf b = {0};
    buf_cstr(&b, "init ");
    buf_str(&b, c.name);
    log_buf("info", &b);
    mw_free(b.ptr);
    free_config(&c);
    AGENT_ON_INIT_EXTRA();
    mw_call_done();
}

static mw_info info_ret;

MW_EXPORT("get-info")
mw_info *get_info(void) {
    mw_config c;
    mw_get_config(&c);
    static const char version[] = AGENT_VERSION;
    info_ret.name = c.name;
    info_ret.version = (mw_str){(char *)version, sizeof(version) - 1};
    info_ret.color = c.color;
    info_ret.persona = c.persona;
    return &info_ret;
}

MW_EXPORT("cabi_post_get-info")
void get_info_post(mw_info *ret) {
    mw_free(ret->name.ptr);
    mw_free(ret->color.ptr);
    mw_free(ret->persona.ptr);
    mw_call_done();
}

MW_EXPORT("on-peer-thought")
void on_peer_thought(char *peer_ptr, size_t peer_len, char *content_ptr, size_t content_len) {
    mw_str peer = {peer_ptr, peer_len}, content = {content_ptr, content_len};
    mw_config c;
    mw_get_config(&c);
    mw_buf b = {0};
    buf_cstr(&b, "thought from ");
    buf_str(&b, peer);
    log_buf("debug", &b);
    b.len = 0;
    buf_str(&b, c.name);
    buf_cstr(&b, " hears ");
    buf_str(&b, peer);
    buf_cstr(&b, ": ");
    buf_str(&b, content);
    mw_broadcast(b.ptr, b.len);
    mw_free(b.ptr);
    free_config(&c);
    mw_free(peer_ptr);
    mw_free(content_ptr);
    mw_call_done();
}

static mw_str task_ret;

/* "@big N": the prompt is the unit "é🌍ab" (8 bytes, 4 code points) repeated N times. */
static void big_prompt(mw_buf *prompt, mw_str task) {
    static const char unit[] = "\xC3\xA9\xF0\x9F\x8C\x8D" "ab";
    uint32_t n = 0;
    for (size_t i = 5; i < task.len && task.ptr[i] >= '0' && task.ptr[i] <= '9'; i++) {
        n = n * 10 + (uint32_t)(task.ptr[i] - '0');
        if (n > (1u << 21)) __builtin_trap(); /* 16 MiB: a test agent, not a bomb */
    }
    buf_reserve(prompt, (size_t)n * 8);
    for (uint32_t i = 0; i < n; i++) buf_add(prompt, unit, 8);
}

#ifndef AGENT_HANDLE_TASK_OVERRIDE
MW_EXPORT("handle-task")
mw_str *handle_task(char *task_ptr, size_t task_len) {
    mw_str task = {task_ptr, task_len};
    mw_config c;
    mw_get_config(&c);
    uint64_t t0 = mw_now_ms();

    mw_buf b = {0};
    buf_cstr(&b, "task: ");
    buf_add(&b, task.ptr, utf8_head(task, 40));
    log_buf("info", &b);

    b.len = 0;
    buf_str(&b, c.name);
    buf_cstr(&b, " is thinking about: ");
    buf_add(&b, task.ptr, utf8_head(task, 40));
    mw_broadcast(b.ptr, b.len);

    b.len = 0;
    if (starts_with(task, "@big ")) {
        big_prompt(&b, task);
    } else {
        buf_cstr(&b, "As ");
        buf_str(&b, c.persona);
        buf_cstr(&b, ", answer: ");
        buf_str(&b, task);
    }
    mw_str reply;
    mw_host_llm(b.ptr, b.len, &reply);
    mw_free(b.ptr);

    uint64_t t1 = mw_now_ms();
    const char *clock = (t0 > 1600000000000ULL && t1 >= t0) ? "clock ok" : "clock bad";
    mw_broadcast(clock, mw_cstrlen(clock));

    mw_buf r = {0};
    buf_str(&r, c.name);
    buf_cstr(&r, " says: ");
    buf_str(&r, reply);
    mw_free(reply.ptr);
    free_config(&c);
    mw_free(task_ptr);
    task_ret = (mw_str){r.ptr, r.len};
    return &task_ret;
}

MW_EXPORT("cabi_post_handle-task")
void handle_task_post(mw_str *ret) {
    mw_free(ret->ptr);
    mw_call_done();
}
#endif
