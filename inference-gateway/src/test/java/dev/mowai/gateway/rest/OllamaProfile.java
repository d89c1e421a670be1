package dev.mowai.gateway.rest;

import dev.mowai.gateway.fake.FakeOllamaResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * The gateway on a fake Ollama with two slots and room for the fairness scenario's 50 queued
 * requests; the circuit breaker retries after one second so that recovery tests stay short.
 */
public class OllamaProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("mowai.llm.backend", "ollama"),
                Map.entry("mowai.scheduler.max-concurrent", "2"),
                Map.entry("mowai.scheduler.max-queued-per-agent", "60"),
                Map.entry("mowai.scheduler.queue-timeout", "60s"),
                Map.entry("mowai.scheduler.request-timeout", "60s"),
                Map.entry("quarkus.langchain4j.ollama.timeout", "30s"),
                Map.entry("dev.mowai.gateway.service.BackendInvoker/invoke/CircuitBreaker/delay", "1000"),
                Map.entry("quarkus.langchain4j.ollama.chat-model.temperature", "0.3"),
                Map.entry("quarkus.langchain4j.ollama.chat-model.num-predict", "64"),
                Map.entry("quarkus.langchain4j.ollama.chat-model.top-k", "20"),
                Map.entry("quarkus.langchain4j.ollama.chat-model.seed", "7"));
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(FakeOllamaResource.class));
    }
}
