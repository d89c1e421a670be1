package dev.mowai.gateway.protocol;

/**
 * A backend's answer. Token counts come from the backend where it reports them (Ollama's
 * prompt_eval_count / eval_count, llama.cpp's tokenizer) and are estimates for echo.
 *
 * @param finishReason OpenAI's values: "stop" or "length"
 */
public record Completion(String text, int promptTokens, int completionTokens, String finishReason) {}
