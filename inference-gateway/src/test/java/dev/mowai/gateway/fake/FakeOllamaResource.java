package dev.mowai.gateway.fake;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts a {@link FakeOllama} before the gateway boots and points the gateway at it; tests get it
 * injected into a {@code FakeOllama} field.
 */
public final class FakeOllamaResource implements QuarkusTestResourceLifecycleManager {

    private FakeOllama fake;
    private String models = "phi3.5:latest";

    /** Arg {@code models}: comma-separated models the fake starts with (empty: none). */
    @Override
    public void init(Map<String, String> args) {
        models = args.getOrDefault("models", models);
    }

    @Override
    public Map<String, String> start() {
        try {
            fake = FakeOllama.onFreePort();
            fake.setModels(models.isBlank() ? List.of() : List.of(models.split(",")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.langchain4j.ollama.base-url", fake.baseUrl());
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(fake, new TestInjector.MatchesType(FakeOllama.class));
    }

    @Override
    public void stop() {
        if (fake != null) fake.close();
    }
}
