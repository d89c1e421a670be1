package dev.mowai.deploy;

import java.util.Set;

/**
 * The three Mowai services as the deployment must see them: workload and Service names, port, module, and
 * the environment variables each one reads. The keys come from the services' configuration
 * ({@code @ConfigMapping} interfaces under {@code <module>/src/main/java/dev/mowai/.../config/} and the
 * Quarkus extensions they use); {@link ConfigKeysTest} checks that every {@code MOWAI_*} key here still
 * names a property of that module, so a renamed key fails the build instead of being silently ignored.
 */
enum MowaiService {
    ARENA("arena", "arena", "arena-service", 8080, Set.of(
            "MOWAI_ADMIN_SECRET", "MOWAI_AGENT_KEY", "MOWAI_DATA_DIR", "MOWAI_GATEWAY_URL", "MOWAI_GATEWAY_ARENA_KEY",
            "MOWAI_LIMITS_PING_INTERVAL", "MOWAI_LIMITS_SILENCE_TIMEOUT", "MOWAI_LIMITS_MAX_ERRORS",
            "MOWAI_LIMITS_ERROR_WINDOW", "MOWAI_LIMITS_MESSAGES_PER_SECOND", "MOWAI_LIMITS_BURST",
            "MOWAI_LIMITS_SPECTATOR_QUEUE", "MOWAI_LIMITS_AGENT_QUEUE", "MOWAI_LIMITS_TICK",
            "MOWAI_TRANSCRIPT_FSYNC", "MOWAI_TRANSCRIPT_FSYNC_INTERVAL", "MOWAI_TRANSCRIPT_MAX_BYTES",
            "MOWAI_TRANSCRIPT_KEEP_FILES",
            "QUARKUS_HTTP_PORT", "QUARKUS_HTTP_HOST")),
    RUNNER("agent-runner", "agent-runner", "agent-runner-service", 8081, Set.of(
            "MOWAI_DATA_DIR", "MOWAI_ARENA_URL", "MOWAI_GATEWAY_URL", "MOWAI_JOIN_CODE", "MOWAI_PERSONAS_DIR",
            "MOWAI_AGENT_KEY", "MOWAI_GATEWAY_KEY",
            "MOWAI_RUNNER_WORKERS", "MOWAI_RUNNER_LLM_TIMEOUT",
            "MOWAI_LIMITS_MAX_COMPONENT_BYTES", "MOWAI_LIMITS_CALL_TIMEOUT", "MOWAI_LIMITS_MEMORY_MAX_BYTES",
            "MOWAI_RUNNER_MAX_AGENTS",
            // Scale-out: this replica's pod name and the headless Service that lists its peers.
            "MOWAI_CLUSTER_SELF", "MOWAI_CLUSTER_PEERS",
            // Behind the Ingress / edge: per-client upload limits by X-Forwarded-For, from trusted proxies only.
            "QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING", "QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED",
            "QUARKUS_HTTP_PROXY_TRUSTED_PROXIES",
            "QUARKUS_HTTP_PORT", "QUARKUS_HTTP_HOST")),
    GATEWAY("inference-gateway", "inference-gateway", "inference-gateway", 8082, Set.of(
            "MOWAI_LLM_BACKEND", "MOWAI_LLM_MODEL_FILE", "MOWAI_LLM_PULL_MODEL", "MOWAI_LLM_PROBE_TIMEOUT",
            "MOWAI_SCHEDULER_MAX_CONCURRENT", "MOWAI_SCHEDULER_MAX_QUEUED_PER_AGENT",
            "MOWAI_SCHEDULER_MAX_QUEUED_TOTAL", "MOWAI_SCHEDULER_QUEUE_TIMEOUT", "MOWAI_SCHEDULER_REQUEST_TIMEOUT",
            "MOWAI_GATEWAY_KEY", "MOWAI_GATEWAY_ARENA_KEY", "MOWAI_GATEWAY_SIGNATURE_WINDOW",
            "QUARKUS_LANGCHAIN4J_OLLAMA_BASE_URL", "QUARKUS_LANGCHAIN4J_OLLAMA_CHAT_MODEL_MODEL_ID",
            "QUARKUS_LANGCHAIN4J_OLLAMA_TIMEOUT", "QUARKUS_LANGCHAIN4J_OLLAMA_CHAT_MODEL_TEMPERATURE",
            "QUARKUS_HTTP_PORT", "QUARKUS_HTTP_HOST"));

    /** SmallRye Health's endpoints: the only paths a probe of a Mowai service may use. */
    static final Set<String> HEALTH_PATHS = Set.of("/q/health/live", "/q/health/ready", "/q/health/started");
    static final String METRICS_PATH = "/q/metrics";

    /** Ollama's own variables plus PULL_MODEL, read by the model-pull init script in k8s/base/ollama.yaml. */
    static final Set<String> OLLAMA_ENV = Set.of("HOME", "OLLAMA_HOST", "OLLAMA_KEEP_ALIVE", "OLLAMA_NUM_PARALLEL",
            "OLLAMA_MAX_LOADED_MODELS", "OLLAMA_MAX_QUEUE", "PULL_MODEL");

    final String workload;
    final String service;
    final String module;
    final int port;
    final Set<String> envKeys;

    MowaiService(String workload, String service, String module, int port, Set<String> envKeys) {
        this.workload = workload;
        this.service = service;
        this.module = module;
        this.port = port;
        this.envKeys = envKeys;
    }
}
