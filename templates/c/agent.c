/*
 * A Mowai agent in C. Edit freely: implement the four agent_* functions and use agent_llm,
 * agent_broadcast, agent_log, agent_now_ms and agent_config (see mowai_agent.h).
 * Build with ./build.sh; try with `mowai agent run dist/agent.wasm --task "…"`.
 */
#include <stdio.h>
#include "mowai_agent.h"

#define VERSION "0.1.0"

/* A persona-specific question to ask about a peer's thought. */
static const char *reaction_for(mw_string persona) {
    static const struct { const char *persona, *question; } table[] = {
        {"contrarian", "What would have to be true for this to be wrong?"},
        {"synthesiser", "How does this fit with what the others said?"},
        {"first-principles", "Which assumption does this rest on, and does it hold?"},
        {"devils-advocate", "What is the strongest case against this?"},
        {"pragmatist", "What is the first concrete step if we take this seriously?"},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (persona.len == strlen(table[i].persona) && !memcmp(persona.ptr, table[i].persona, persona.len))
            return table[i].question;
    return NULL;
}

/* printf into a fresh malloc'ed string. */
static char *format(const char *fmt, const char *a, const char *b) {
    int n = snprintf(NULL, 0, fmt, a, b);
    char *s = malloc((size_t)n + 1);
    snprintf(s, (size_t)n + 1, fmt, a, b);
    return s;
}

static char *copy(mw_string s) { return strndup(s.ptr, s.len); }

void agent_init(void) {
    mw_config c = agent_config();
    char *name = copy(c.name);
    char *line = format("%s is ready%s", name, "");
    agent_log("info", line);
    free(line); free(name);
}

mw_info agent_info(void) {
    mw_config c = agent_config();
    return (mw_info){mw_cstr(copy(c.name)), mw_cstr(strdup(VERSION)), mw_cstr(copy(c.color)), mw_cstr(copy(c.persona))};
}

char *agent_handle_task(const char *task) {
    uint64_t started = agent_now_ms();
    agent_log("info", "task received");

    char *prompt = format("Task: %s\nIn two sentences, how will you approach it?%s", task, "");
    char *plan = agent_llm(prompt);
    agent_broadcast(plan);

    char *final_prompt = format("Task: %s\nYour approach: %s\nNow give your answer in at most five sentences.", task, plan);
    char *answer = agent_llm(final_prompt);

    char took[64];
    snprintf(took, sizeof took, "answered in %llu ms", (unsigned long long)(agent_now_ms() - started));
    agent_log("debug", took);
    free(prompt); free(plan); free(final_prompt);
    return answer;
}

void agent_on_peer_thought(const char *peer_id, const char *content) {
    /* Only react to substantial thoughts and never to reactions: keeps the arena readable. */
    const char *question = reaction_for(agent_config().persona);
    if (!question || strlen(content) < 40 || !strncmp(content, "\xe2\x86\xaa", 3)) return;
    char *prompt = format("%s\n\"%s\"\nReply in one sentence.", question, content);
    char *reply = agent_llm(prompt);
    char *thought = format("\xe2\x86\xaa %s%s", reply, "");
    agent_broadcast(thought);
    char *line = format("reacted to %s%s", peer_id, "");
    agent_log("debug", line);
    free(prompt); free(reply); free(thought); free(line);
}
