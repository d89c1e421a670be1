/*
 * A real ABI mismatch: a freestanding agent whose handle-task takes a u32 (core (param i32)),
 * componentized against a WIT that says `handle-task: func(task: u32) -> string`. The runner must
 * refuse it, naming handle-task and the parameter type.
 */
#define AGENT_HANDLE_TASK_OVERRIDE 1
#define AGENT_VERSION "u32-task 1.0.0"
#include "bump_alloc.h"
#include "agent_behaviour.h"

static mw_str task_result;

MW_EXPORT("handle-task")
mw_str *handle_task(uint32_t task) {
    mw_buf b = {0};
    buf_cstr(&b, "task number ");
    buf_u32(&b, task);
    task_result = (mw_str){b.ptr, b.len};
    return &task_result;
}

MW_EXPORT("cabi_post_handle-task")
void handle_task_post(mw_str *ret) {
    (void)ret;
    mw_call_done();
}
