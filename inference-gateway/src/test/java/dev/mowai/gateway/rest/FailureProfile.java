package dev.mowai.gateway.rest;

import dev.mowai.gateway.fake.FakeOllamaResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** A fake Ollama that tests break and mend; the circuit breaker retries after one second. */
public class FailureProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "mowai.llm.backend", "ollama",
                "dev.mowai.gateway.service.BackendInvoker/invoke/CircuitBreaker/delay", "1000",
                "quarkus.langchain4j.ollama.timeout", "5s");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(FakeOllamaResource.class));
    }
}
