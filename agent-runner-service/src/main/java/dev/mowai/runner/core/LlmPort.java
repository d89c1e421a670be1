package dev.mowai.runner.core;

/** The inference gateway as the agents' {@code host-llm} needs it. */
public interface LlmPort {

    /** Never throws: failures come back as {@link Reply.Failed} with a reason a participant can act on. */
    Reply complete(String agentId, String systemPrompt, String prompt);

    sealed interface Reply {
        record Ok(String text) implements Reply {
        }

        record Failed(String reason) implements Reply {
        }
    }
}
