package dev.mowai.gateway.protocol;

import java.util.List;

/**
 * A validated chat request, ready for a backend.
 *
 * @param maxTokens   null: the backend's configured default
 * @param temperature null: the backend's configured default
 */
public record Prompt(String model, List<ChatMessage> messages, Integer maxTokens, Double temperature, boolean stream) {

    public Prompt {
        messages = List.copyOf(messages);
    }

    /** The content of the last user message (validation guarantees there is one). */
    public String lastUserMessage() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (Role.USER.wire().equals(messages.get(i).role())) return messages.get(i).content();
        }
        throw new IllegalStateException("prompt without a user message");
    }

    public int totalChars() {
        return messages.stream().mapToInt(m -> m.content().length()).sum();
    }
}
