package dev.mowai.gateway.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** One server-sent event of a streamed chat completion ({@code object: chat.completion.chunk}). */
public record ChatCompletionChunk(String id, String object, long created, String model, List<Choice> choices) {

    public record Choice(int index, Delta delta, @JsonProperty("finish_reason") String finishReason) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Delta(String role, String content) {}

    public static ChatCompletionChunk delta(String id, long created, String model, String role, String content) {
        return new ChatCompletionChunk(id, "chat.completion.chunk", created, model, List.of(new Choice(0, new Delta(role, content), null)));
    }

    public static ChatCompletionChunk finish(String id, long created, String model, String finishReason) {
        return new ChatCompletionChunk(id, "chat.completion.chunk", created, model, List.of(new Choice(0, new Delta(null, null), finishReason)));
    }
}
