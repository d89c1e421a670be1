package dev.mowai.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code mowai.scheduler.*}: fair queueing in front of the backend. */
@ConfigMapping(prefix = "mowai.scheduler")
public interface SchedulerConfig {

    /** Concurrent backend calls; 4 is Ollama's default OLLAMA_NUM_PARALLEL. */
    @WithDefault("4")
    int maxConcurrent();

    /** Waiting requests per agent; the next one gets 429 with Retry-After. */
    @WithDefault("16")
    int maxQueuedPerAgent();

    /** Waiting requests in total; the next one gets 503 with Retry-After. */
    @WithDefault("2048")
    int maxQueuedTotal();

    /** Longest wait for a backend slot; then 503. */
    @WithDefault("60s")
    Duration queueTimeout();

    /** Longest backend call; then 504 and the call is cancelled. */
    @WithDefault("120s")
    Duration requestTimeout();
}
