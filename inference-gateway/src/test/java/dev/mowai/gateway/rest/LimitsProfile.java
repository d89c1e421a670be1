package dev.mowai.gateway.rest;

import dev.mowai.gateway.fake.FakeOllamaResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * One slot, two waiting requests per agent and short timeouts, to run into every scheduler limit. The
 * request timeout is longer than the queue timeout so that a held call keeps the slot busy while a
 * waiting one times out (a call past the request timeout is aborted and frees its slot at once).
 */
public class LimitsProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "mowai.llm.backend", "ollama",
                "mowai.scheduler.max-concurrent", "1",
                "mowai.scheduler.max-queued-per-agent", "2",
                "mowai.scheduler.max-queued-total", "3",
                "mowai.scheduler.queue-timeout", "3s",
                "mowai.scheduler.request-timeout", "5s",
                "quarkus.langchain4j.ollama.timeout", "30s");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(FakeOllamaResource.class));
    }
}
