//! Rust test agent with a hand-written canonical ABI for `mowai:agent/agent-world@0.1.0`.
//!
//! Built twice from this one file (see ../build-test-agents.sh):
//! - `wasm32-unknown-unknown`: std collections only, the component imports nothing but the world;
//! - `wasm32-wasi` (cfg `target_os = "wasi"`): also uses std's WASI side (`println!`, `eprintln!`,
//!   `std::env`, `SystemTime`), so the component goes through the preview1 adapter and imports WASI.
//! Behaviour: ../README.md.

use std::alloc::{alloc, dealloc, realloc, Layout};
use std::cell::RefCell;

#[repr(C)]
pub struct RawStr {
    ptr: *mut u8,
    len: usize,
}

#[repr(C)]
pub struct RawConfig {
    name: RawStr,
    color: RawStr,
    persona: RawStr,
}

#[repr(C)]
pub struct RawInfo {
    name: RawStr,
    version: RawStr,
    color: RawStr,
    persona: RawStr,
}

#[link(wasm_import_module = "$root")]
extern "C" {
    #[link_name = "host-llm"]
    fn raw_host_llm(ptr: *const u8, len: usize, ret: *mut RawStr);
    #[link_name = "broadcast"]
    fn raw_broadcast(ptr: *const u8, len: usize);
    #[link_name = "now-ms"]
    fn raw_now_ms() -> u64;
    #[link_name = "log"]
    fn raw_log(level_ptr: *const u8, level_len: usize, msg_ptr: *const u8, msg_len: usize);
    #[link_name = "get-config"]
    fn raw_get_config(ret: *mut RawConfig);
}

#[cfg(target_os = "wasi")]
const VERSION: &str = "rust-wasi 1.0.0";
#[cfg(not(target_os = "wasi"))]
const VERSION: &str = "rust 1.0.0";

/// Takes ownership of a string the host allocated through `cabi_realloc` (align 1, exact size).
unsafe fn take_string(raw: RawStr) -> String {
    if raw.len == 0 {
        return String::new();
    }
    let bytes = std::slice::from_raw_parts(raw.ptr, raw.len);
    // the host validated nothing for us: check the utf-8 ourselves
    let s = String::from_utf8(bytes.to_vec()).unwrap_or_else(|_| std::process::abort());
    dealloc(raw.ptr, Layout::from_size_align_unchecked(raw.len, 1));
    s
}

/// Leaks a string into a {ptr,len} pair for a return value; `free_raw` takes it back.
fn leak_string(s: String) -> RawStr {
    let boxed = s.into_bytes().into_boxed_slice();
    let len = boxed.len();
    RawStr { ptr: Box::into_raw(boxed) as *mut u8, len }
}

unsafe fn free_raw(raw: &RawStr) {
    if raw.len != 0 {
        drop(Box::from_raw(std::slice::from_raw_parts_mut(raw.ptr, raw.len)));
    }
}

struct Config {
    name: String,
    color: String,
    persona: String,
}

fn host_llm(prompt: &str) -> String {
    let mut ret = RawStr { ptr: std::ptr::null_mut(), len: 0 };
    unsafe {
        raw_host_llm(prompt.as_ptr(), prompt.len(), &mut ret);
        take_string(ret)
    }
}

fn broadcast(message: &str) {
    unsafe { raw_broadcast(message.as_ptr(), message.len()) }
}

fn now_ms() -> u64 {
    unsafe { raw_now_ms() }
}

fn log(level: &str, message: &str) {
    unsafe { raw_log(level.as_ptr(), level.len(), message.as_ptr(), message.len()) }
}

fn get_config() -> Config {
    let empty = || RawStr { ptr: std::ptr::null_mut(), len: 0 };
    let mut raw = RawConfig { name: empty(), color: empty(), persona: empty() };
    unsafe {
        raw_get_config(&mut raw);
        Config {
            name: take_string(raw.name),
            color: take_string(raw.color),
            persona: take_string(raw.persona),
        }
    }
}

fn head(s: &str, chars: usize) -> &str {
    match s.char_indices().nth(chars) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

fn prompt_for(task: &str, config: &Config) -> String {
    match task.strip_prefix("@big ") {
        Some(n) => {
            let digits: String = n.chars().take_while(|c| c.is_ascii_digit()).collect();
            let count: usize = digits.parse().unwrap_or(0);
            if count > (1 << 21) {
                std::process::abort();
            }
            "é🌍ab".repeat(count)
        }
        None => format!("As {}, answer: {}", config.persona, task),
    }
}

thread_local! {
    static RET_STR: RefCell<RawStr> = RefCell::new(RawStr { ptr: std::ptr::null_mut(), len: 0 });
    static RET_INFO: RefCell<Option<RawInfo>> = RefCell::new(None);
}

// A reactor: wit-component runs `_initialize` once at instantiation. Without it wasm-ld would wrap
// every export (post-return functions included) in a constructor call that reaches WASI imports,
// which a post-return function must never do.
#[cfg(target_os = "wasi")]
extern "C" {
    fn __wasm_call_ctors();
}

#[cfg(target_os = "wasi")]
#[export_name = "_initialize"]
pub extern "C" fn initialize() {
    unsafe { __wasm_call_ctors() }
}

#[no_mangle]
pub unsafe extern "C" fn cabi_realloc(old: *mut u8, old_size: usize, align: usize, new_size: usize) -> *mut u8 {
    let p = if old_size == 0 {
        if new_size == 0 {
            return align as *mut u8;
        }
        alloc(Layout::from_size_align_unchecked(new_size, align))
    } else {
        realloc(old, Layout::from_size_align_unchecked(old_size, align), new_size)
    };
    if p.is_null() {
        std::process::abort();
    }
    p
}

#[export_name = "on-init"]
pub extern "C" fn on_init() {
    let config = get_config();
    log("info", &format!("init {}", config.name));
    #[cfg(target_os = "wasi")]
    {
        println!("{} ready", VERSION);
        eprintln!("args={} env={}", std::env::args().count(), std::env::vars().count());
    }
}

#[export_name = "get-info"]
pub extern "C" fn get_info() -> *const RawInfo {
    let config = get_config();
    let info = RawInfo {
        name: leak_string(config.name),
        version: RawStr { ptr: VERSION.as_ptr() as *mut u8, len: VERSION.len() },
        color: leak_string(config.color),
        persona: leak_string(config.persona),
    };
    RET_INFO.with(|r| {
        *r.borrow_mut() = Some(info);
        r.borrow().as_ref().unwrap() as *const RawInfo
    })
}

#[export_name = "cabi_post_get-info"]
pub unsafe extern "C" fn get_info_post(_ret: *const RawInfo) {
    if let Some(info) = RET_INFO.with(|r| r.borrow_mut().take()) {
        free_raw(&info.name);
        free_raw(&info.color);
        free_raw(&info.persona);
    }
}

#[export_name = "on-peer-thought"]
pub unsafe extern "C" fn on_peer_thought(peer_ptr: *mut u8, peer_len: usize, content_ptr: *mut u8, content_len: usize) {
    let peer = take_string(RawStr { ptr: peer_ptr, len: peer_len });
    let content = take_string(RawStr { ptr: content_ptr, len: content_len });
    let config = get_config();
    log("debug", &format!("thought from {}", peer));
    broadcast(&format!("{} hears {}: {}", config.name, peer, content));
}

#[export_name = "handle-task"]
pub unsafe extern "C" fn handle_task(task_ptr: *mut u8, task_len: usize) -> *const RawStr {
    let task = take_string(RawStr { ptr: task_ptr, len: task_len });
    let config = get_config();
    let t0 = now_ms();
    log("info", &format!("task: {}", head(&task, 40)));
    broadcast(&format!("{} is thinking about: {}", config.name, head(&task, 40)));
    let reply = host_llm(&prompt_for(&task, &config));
    let t1 = now_ms();
    broadcast(if t0 > 1_600_000_000_000 && t1 >= t0 { "clock ok" } else { "clock bad" });
    #[cfg(target_os = "wasi")]
    {
        let system_ms = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as u64)
            .unwrap_or(0);
        let skew = if system_ms > t1 { system_ms - t1 } else { t1 - system_ms };
        broadcast(if skew < 60_000 { "systemtime ok" } else { "systemtime bad" });
    }
    let result = leak_string(format!("{} says: {}", config.name, reply));
    RET_STR.with(|r| {
        *r.borrow_mut() = result;
        &*r.borrow() as *const RawStr
    })
}

#[export_name = "cabi_post_handle-task"]
pub unsafe extern "C" fn handle_task_post(_ret: *const RawStr) {
    RET_STR.with(|r| {
        let raw = std::mem::replace(&mut *r.borrow_mut(), RawStr { ptr: std::ptr::null_mut(), len: 0 });
        free_raw(&raw);
    });
}
