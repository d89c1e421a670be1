/*
 * A per-call bump arena for freestanding builds (no libc): everything allocated during an export
 * call, including the arguments the host wrote through cabi_realloc, dies when the call is over
 * (after post-return), so the arena is reset there. The arena grows linear memory on demand.
 */
#include <stddef.h>
#include <stdint.h>

extern unsigned char __heap_base;
static uintptr_t bump_next;

static void *bump_alloc(size_t size, size_t align) {
    if (!bump_next) bump_next = (uintptr_t)&__heap_base;
    uintptr_t p = (bump_next + align - 1) & ~(uintptr_t)(align - 1);
    uintptr_t end = p + size;
    if (end < p) return 0;
    size_t have = __builtin_wasm_memory_size(0) * 65536;
    if (end > have) {
        size_t pages = (end - have + 65535) / 65536;
        if (__builtin_wasm_memory_grow(0, pages) == (size_t)-1) return 0;
    }
    bump_next = end;
    return (void *)p;
}

void *mw_realloc(void *old, size_t old_size, size_t align, size_t new_size) {
    if (align == 0) align = 1;
    /* growing the most recent allocation in place keeps string builders linear */
    if (old && (uintptr_t)old + old_size == bump_next && ((uintptr_t)old & (align - 1)) == 0) {
        uintptr_t end = (uintptr_t)old + new_size;
        size_t have = __builtin_wasm_memory_size(0) * 65536;
        if (end > have && __builtin_wasm_memory_grow(0, (end - have + 65535) / 65536) == (size_t)-1)
            return 0;
        bump_next = end;
        return old;
    }
    unsigned char *p = bump_alloc(new_size, align);
    if (p && old) {
        size_t n = old_size < new_size ? old_size : new_size;
        for (size_t i = 0; i < n; i++) p[i] = ((unsigned char *)old)[i];
    }
    return p;
}

void mw_free(void *ptr) { (void)ptr; }

void mw_call_done(void) { bump_next = (uintptr_t)&__heap_base; }

/* clang may lower struct copies and loops to these; freestanding means we bring them. */
void *memcpy(void *dst, const void *src, size_t n) {
    unsigned char *d = dst;
    const unsigned char *s = src;
    for (size_t i = 0; i < n; i++) d[i] = s[i];
    return dst;
}

void *memset(void *dst, int c, size_t n) {
    unsigned char *d = dst;
    for (size_t i = 0; i < n; i++) d[i] = (unsigned char)c;
    return dst;
}
