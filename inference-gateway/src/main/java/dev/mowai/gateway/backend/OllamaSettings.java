package dev.mowai.gateway.backend;

import java.time.Duration;
import java.util.List;

/**
 * Ollama settings, read from the usual {@code quarkus.langchain4j.ollama.*} keys.
 *
 * @param numPredict null: Ollama's default, unless the request sets max_tokens
 */
public record OllamaSettings(String baseUrl, String model, Duration timeout, Double temperature, Integer topK,
                             Double topP, Integer seed, Integer numPredict, List<String> stop,
                             boolean logRequests, boolean logResponses) {

    public OllamaSettings {
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        stop = stop == null ? List.of() : List.copyOf(stop);
    }
}
