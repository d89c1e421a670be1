//! A Mowai agent in Rust. `cargo component build --release` generates `bindings.rs` from
//! `wit/agent.wit`; implement the four exports below and call the five imports.
#[allow(warnings)]
mod bindings;

use bindings::{broadcast, get_config, host_llm, log, now_ms, AgentInfo, Guest};

const VERSION: &str = "0.1.0";

struct Agent;

/// A persona-specific question about a peer's thought; `None` means: do not react.
fn reaction_for(persona: &str) -> Option<&'static str> {
    Some(match persona {
        "contrarian" => "What would have to be true for this to be wrong?",
        "synthesiser" => "How does this fit with what the others said?",
        "first-principles" => "Which assumption does this rest on, and does it hold?",
        "devils-advocate" => "What is the strongest case against this?",
        "pragmatist" => "What is the first concrete step if we take this seriously?",
        _ => return None,
    })
}

/// The first `chars` characters of `text`, with an ellipsis when cut.
fn clip(text: &str, chars: usize) -> String {
    match text.char_indices().nth(chars) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    }
}

impl Guest for Agent {
    fn on_init() {
        let config = get_config();
        log("info", &format!("{} ({}) is ready", config.name, config.persona));
    }

    fn get_info() -> AgentInfo {
        let config = get_config();
        AgentInfo { name: config.name, version: VERSION.into(), color: config.color, persona: config.persona }
    }

    fn handle_task(task: String) -> String {
        let started = now_ms();
        log("info", &format!("task received: {}", clip(&task, 80)));
        let plan = host_llm(&format!("Task: {task}\nIn two sentences, how will you approach it?"));
        broadcast(&clip(&plan, 1000));
        let answer = host_llm(&format!(
            "Task: {task}\nYour approach: {plan}\nNow give your answer in at most five sentences."
        ));
        log("debug", &format!("answered in {} ms", now_ms().saturating_sub(started)));
        clip(&answer, 2000)
    }

    fn on_peer_thought(peer_id: String, content: String) {
        // Only react to substantial thoughts, and never to reactions: keeps the arena readable.
        let Some(question) = reaction_for(&get_config().persona) else { return };
        if content.chars().count() < 40 || content.starts_with('↪') {
            return;
        }
        let reply = host_llm(&format!("{question}\n\"{}\"\nReply in one sentence.", clip(&content, 400)));
        broadcast(&format!("↪ {}", clip(&reply, 1000)));
        log("debug", &format!("reacted to {peer_id}"));
    }
}

bindings::export!(Agent with_types_in bindings);
