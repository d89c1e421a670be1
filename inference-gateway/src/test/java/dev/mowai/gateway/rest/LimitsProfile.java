package dev.mowai.gateway.rest;

import dev.mowai.gateway.fake.FakeOllamaResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** One slot, two waiting requests per agent and short timeouts, to run into every scheduler limit. */
public class LimitsProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "mowai.llm.backend", "ollama",
                "mowai.scheduler.max-concurrent", "1",
                "mowai.scheduler.max-queued-per-agent", "2",
                "mowai.scheduler.max-queued-total", "3",
                "mowai.scheduler.queue-timeout", "3s",
                "mowai.scheduler.request-timeout", "1500ms",
                "quarkus.langchain4j.ollama.timeout", "30s");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(FakeOllamaResource.class));
    }
}
