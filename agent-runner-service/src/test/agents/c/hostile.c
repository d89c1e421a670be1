/*
 * Hostile agents: a well-behaved freestanding agent (on-init, get-info, on-peer-thought as
 * documented) whose handle-task misbehaves in one way, chosen at build time with -DHOSTILE_<KIND>:
 *   LOOP        spins forever                         → the host's call time limit must stop it
 *   MEMBOMB     grows linear memory until growth fails, touches every page it got, then returns
 *               "memory bomb stopped at N pages"     → the host's memory cap must bound N
 *   OOB_POINTER returns a string at 0xFFFFFF00 of 4096 bytes → the lift must trap (bounds)
 *   BAD_UTF8    returns the bytes FF FE 'b' 'a' 'd'   → the lift must trap (utf-8)
 *   FLOOD       broadcasts "flood <i>" 100000 times, then returns "flood done" → rate/size caps
 *   RECURSION   recurses without bound (no tail calls) → wasm stack exhaustion must trap
 */
#define AGENT_HANDLE_TASK_OVERRIDE 1
#define AGENT_VERSION "hostile 1.0.0"
#include "bump_alloc.h"
#include "agent_behaviour.h"

static mw_str task_result;

__attribute__((unused)) static mw_str *ret_cstr(const char *s) {
    task_result = (mw_str){(char *)s, mw_cstrlen(s)};
    return &task_result;
}

#if defined(HOSTILE_LOOP)
static volatile uint32_t spins;
static mw_str *misbehave(void) {
    for (;;) spins++;
}
#elif defined(HOSTILE_MEMBOMB)
static mw_str *misbehave(void) {
    uint32_t pages = (uint32_t)__builtin_wasm_memory_size(0);
    while (__builtin_wasm_memory_grow(0, 16) != (size_t)-1) {
        pages += 16;
        /* touch the new pages so an engine that commits lazily really has to provide them */
        for (uint32_t p = pages - 16; p < pages; p++) *(volatile char *)((uintptr_t)p * 65536 + 1) = 1;
    }
    while (__builtin_wasm_memory_grow(0, 1) != (size_t)-1) pages++;
    mw_buf b = {0};
    buf_cstr(&b, "memory bomb stopped at ");
    buf_u32(&b, pages);
    buf_cstr(&b, " pages");
    task_result = (mw_str){b.ptr, b.len};
    return &task_result;
}
#elif defined(HOSTILE_OOB_POINTER)
static mw_str *misbehave(void) {
    task_result = (mw_str){(char *)0xFFFFFF00u, 4096};
    return &task_result;
}
#elif defined(HOSTILE_BAD_UTF8)
static mw_str *misbehave(void) { return ret_cstr("\xFF\xFE" "bad"); }
#elif defined(HOSTILE_FLOOD)
static mw_str *misbehave(void) {
    mw_buf b = {0};
    for (uint32_t i = 0; i < 100000; i++) {
        b.len = 0;
        buf_cstr(&b, "flood ");
        buf_u32(&b, i);
        mw_broadcast(b.ptr, b.len);
    }
    return ret_cstr("flood done");
}
#elif defined(HOSTILE_RECURSION)
/* called through a volatile pointer: the compiler can neither inline nor turn it into a loop */
static uint32_t dive(uint32_t depth);
static uint32_t (*volatile next_dive)(uint32_t) = dive;
static uint32_t dive(uint32_t depth) { return next_dive(depth + 1) * 3u + depth; }
static mw_str *misbehave(void) {
    return next_dive(0) ? ret_cstr("bottomless") : ret_cstr("impossible");
}
#else
#error "define one HOSTILE_<KIND>"
#endif

MW_EXPORT("handle-task")
mw_str *handle_task(char *task_ptr, size_t task_len) {
    mw_str task = {task_ptr, task_len};
    mw_buf b = {0};
    buf_cstr(&b, "task: ");
    buf_add(&b, task.ptr, utf8_head(task, 40));
    log_buf("info", &b);
    return misbehave();
}

MW_EXPORT("cabi_post_handle-task")
void handle_task_post(mw_str *ret) {
    (void)ret;
    mw_call_done();
}
