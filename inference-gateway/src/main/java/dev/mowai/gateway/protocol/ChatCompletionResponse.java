package dev.mowai.gateway.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** OpenAI's non-streaming chat completion reply. */
public record ChatCompletionResponse(String id, String object, long created, String model, List<Choice> choices, Usage usage) {

    public record Choice(int index, ChatMessage message, @JsonProperty("finish_reason") String finishReason) {}

    public record Usage(@JsonProperty("prompt_tokens") int promptTokens,
                        @JsonProperty("completion_tokens") int completionTokens,
                        @JsonProperty("total_tokens") int totalTokens) {}

    public static ChatCompletionResponse of(String id, long created, String model, Completion c) {
        return new ChatCompletionResponse(id, "chat.completion", created, model,
                List.of(new Choice(0, new ChatMessage(Role.ASSISTANT.wire(), c.text()), c.finishReason())),
                new Usage(c.promptTokens(), c.completionTokens(), c.promptTokens() + c.completionTokens()));
    }
}
