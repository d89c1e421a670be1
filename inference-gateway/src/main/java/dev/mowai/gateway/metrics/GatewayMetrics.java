package dev.mowai.gateway.metrics;

import dev.mowai.gateway.config.LimitsConfig;
import dev.mowai.gateway.core.SchedulerSnapshot;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** The gateway's Micrometer meters, exported on /q/metrics (Prometheus names in comments). */
@ApplicationScoped
public class GatewayMetrics {

    public static final String OTHER_AGENTS = "other";

    private final MeterRegistry registry;
    private final LimitsConfig limits;

    /** Agent ids with their own series; bounded so hostile callers cannot blow up the registry. */
    private final Set<String> taggedAgents = ConcurrentHashMap.newKeySet();

    GatewayMetrics(MeterRegistry registry, LimitsConfig limits) {
        this.registry = registry;
        this.limits = limits;
    }

    public void watchScheduler(Supplier<SchedulerSnapshot> snapshot) {
        // mowai_gateway_queue_depth, mowai_gateway_inflight
        Gauge.builder("mowai.gateway.queue.depth", () -> snapshot.get().queued())
                .description("requests waiting for a backend slot").register(registry);
        Gauge.builder("mowai.gateway.inflight", () -> snapshot.get().running())
                .description("backend calls running").register(registry);
        Gauge.builder("mowai.gateway.queue.agents", () -> snapshot.get().queuedByAgent().size())
                .description("agents with waiting requests").register(registry);
    }

    /** mowai_gateway_queue_wait_seconds */
    public void queueWait(long nanos) {
        Timer.builder("mowai.gateway.queue.wait").description("time a request waited for a backend slot")
                .publishPercentiles(0.5, 0.99).register(registry).record(Duration.ofNanos(nanos));
    }

    /** mowai_gateway_requests_total{agent} */
    public void request(String agent) {
        Counter.builder("mowai.gateway.requests").description("chat completion requests by agent")
                .tag("agent", agentTag(agent)).register(registry).increment();
    }

    /** mowai_gateway_errors_total{kind} */
    public void error(String kind) {
        Counter.builder("mowai.gateway.errors").description("failed requests by kind")
                .tag("kind", kind).register(registry).increment();
    }

    /**
     * mowai_gateway_backend_latency_seconds, mowai_gateway_tokens_{in,out}_total,
     * mowai_gateway_tokens_per_second (output tokens over backend time).
     */
    public void completed(String backend, long nanos, int tokensIn, int tokensOut) {
        Timer.builder("mowai.gateway.backend.latency").description("backend call time")
                .tag("backend", backend).publishPercentiles(0.5, 0.99).register(registry).record(Duration.ofNanos(nanos));
        Counter.builder("mowai.gateway.tokens.in").description("prompt tokens (Ollama's prompt_eval_count)")
                .tag("backend", backend).register(registry).increment(tokensIn);
        Counter.builder("mowai.gateway.tokens.out").description("generated tokens (Ollama's eval_count)")
                .tag("backend", backend).register(registry).increment(tokensOut);
        if (nanos > 0 && tokensOut > 0) {
            DistributionSummary.builder("mowai.gateway.tokens.per.second").description("generated tokens per second of backend time")
                    .tag("backend", backend).register(registry).record(tokensOut / (nanos / 1e9));
        }
    }

    /** Failed backend calls count in the same latency timer: a slow failure is as visible as a slow answer. */
    public void backendFailed(String backend, long nanos) {
        Timer.builder("mowai.gateway.backend.latency").description("backend call time")
                .tag("backend", backend).publishPercentiles(0.5, 0.99).register(registry).record(Duration.ofNanos(nanos));
    }

    private String agentTag(String agent) {
        if (taggedAgents.contains(agent)) return agent;
        if (taggedAgents.size() >= limits.maxAgentMetricSeries()) return OTHER_AGENTS;
        taggedAgents.add(agent);
        return agent;
    }
}
