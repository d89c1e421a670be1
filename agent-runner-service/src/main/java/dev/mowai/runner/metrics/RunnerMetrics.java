package dev.mowai.runner.metrics;

import dev.mowai.runner.component.agent.AgentFailure;
import dev.mowai.runner.core.Telemetry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/** The runner's counters and timers under {@code mowai_runner_*} in {@code /q/metrics}. */
@ApplicationScoped
public class RunnerMetrics implements Telemetry {

    @Inject
    MeterRegistry registry;

    @Override
    public void call(String export, long nanos, String outcome) {
        Timer.builder("mowai.runner.call").description("Calls into agents by export and outcome")
                .tag("export", export).tag("outcome", outcome).publishPercentileHistogram()
                .register(registry).record(Duration.ofNanos(nanos));
    }

    @Override
    public void trap(AgentFailure.Kind kind) {
        Counter.builder("mowai.runner.traps").description("Agent calls that trapped or broke a runtime limit")
                .tag("kind", kind.name().toLowerCase()).register(registry).increment();
    }

    @Override
    public void limitHit(String limit) {
        Counter.builder("mowai.runner.limit.hits").description("Containment limits hit, by limit")
                .tag("limit", limit).register(registry).increment();
    }

    @Override
    public void llmCall(String outcome, long nanos) {
        Timer.builder("mowai.runner.llm.calls").description("host-llm calls by outcome (ok, error, refused)")
                .tag("outcome", outcome).register(registry).record(Duration.ofNanos(nanos));
    }

    @Override
    public void thought() {
        Counter.builder("mowai.runner.thoughts").description("Thoughts relayed to the arena").register(registry).increment();
    }
}
