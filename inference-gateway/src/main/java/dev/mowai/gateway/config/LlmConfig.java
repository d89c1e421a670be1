package dev.mowai.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** {@code mowai.llm.*}: which backend answers. Ollama's own settings stay under {@code quarkus.langchain4j.ollama.*}. */
@ConfigMapping(prefix = "mowai.llm")
public interface LlmConfig {

    enum Backend { AUTO, OLLAMA, EMBEDDED, ECHO }

    /** auto: Ollama when reachable, else embedded when a model file is set, else echo. */
    @WithDefault("auto")
    Backend backend();

    /** GGUF file for the embedded backend. */
    Optional<Path> modelFile();

    /** Pull the model through Ollama's /api/pull at start-up when it is missing. */
    @WithDefault("false")
    boolean pullModel();

    /** Time limit for Ollama's /api/tags probe (start-up, auto selection, readiness). */
    @WithDefault("2s")
    Duration probeTimeout();

    Embedded embedded();

    interface Embedded {
        @WithDefault("2048")
        int contextSize();

        /** 0: llama.cpp's default. */
        @WithDefault("0")
        int threads();

        /** Reply length when a request has no max_tokens. */
        @WithDefault("256")
        int maxTokens();

        @WithDefault("0.7")
        float temperature();
    }
}
