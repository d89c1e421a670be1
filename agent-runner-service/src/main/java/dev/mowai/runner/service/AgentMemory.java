package dev.mowai.runner.service;

import dev.mowai.runner.component.agent.AgentRuntime;
import dev.mowai.runner.config.RunnerConfig;
import dev.mowai.runner.core.MemoryBudget;
import dev.mowai.runner.core.Telemetry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Locale;

/**
 * The runner's memory budget for agents ({@link MemoryBudget}): every agent instance reserves its
 * ceiling (all its linear memories and tables at their maxima) before it is instantiated. GraalWasm keeps
 * linear memories on the Java heap, so the default budget is a share of the heap; the rest is for parsed
 * modules, compiled code and requests.
 */
@ApplicationScoped
@Startup // its gauges exist from the start
public class AgentMemory {

    /** Share of the maximum heap the agents' memories may take by default. */
    static final double DEFAULT_HEAP_SHARE = 0.6;
    /** Retry-After of a full budget: room comes back when agents are removed or a hot swap has finished. */
    static final Duration FULL_RETRY_AFTER = Duration.ofSeconds(30);

    @Inject
    RunnerConfig config;
    @Inject
    Telemetry telemetry;
    @Inject
    MeterRegistry meters;

    private MemoryBudget budget;

    @PostConstruct
    void open() {
        budget = new MemoryBudget(config.limits().memoryBudgetBytes().orElse(defaultBudget(Runtime.getRuntime().maxMemory())));
        Gauge.builder("mowai.runner.memory.reserved", budget::reserved).baseUnit("bytes")
                .description("Host memory reserved by the agents' linear memories and tables").register(meters);
        Gauge.builder("mowai.runner.memory.budget", budget::capacity).baseUnit("bytes")
                .description("Host memory all agents may reserve together (mowai.limits.memory-budget-bytes)").register(meters);
    }

    static long defaultBudget(long maxHeap) {
        return (long) (maxHeap * DEFAULT_HEAP_SHARE);
    }

    /** What is reserved now. */
    long reserved() {
        return budget.reserved();
    }

    /** Live reservations (agent instances). */
    int budgetLeases() {
        return budget.leases();
    }

    /**
     * Whether the component fits next to {@code planned} bytes (the agents restored before it), with room
     * to spare for a hot swap as for a new agent.
     */
    boolean fitsAfter(long planned, AgentRuntime.Checked checked) {
        return planned + checked.memoryCeilingBytes() + config.limits().memoryMaxBytes() <= budget.capacity();
    }

    /** Why a restored agent is not loaded. */
    String restoreRefusal(long planned, AgentRuntime.Checked checked) {
        telemetry.limitHit("memory-budget-bytes");
        return "the runner's memory for agents is full: this component may grow to " + mib(checked.memoryCeilingBytes())
                + ", and the agents restored before it reserve " + mib(planned) + " of " + mib(budget.capacity())
                + " (mowai.limits.memory-budget-bytes); upload it again when there is room, or ask the lead for room";
    }

    /**
     * Refuses (503) a new agent unless it fits with one agent's worth of room to spare: that room is for
     * hot swaps, whose new instance is reserved next to the old one until it takes over.
     */
    void requireRoomForNewAgent(AgentRuntime.Checked checked) {
        if (!budget.fits(checked.memoryCeilingBytes() + config.limits().memoryMaxBytes())) {
            throw full(checked.memoryCeilingBytes());
        }
    }

    /** The reservation of one instance; {@link Full} when it does not fit. */
    MemoryBudget.Lease reserve(long bytes) {
        return budget.tryReserve(bytes).orElseThrow(() -> new Full(refusal(bytes)));
    }

    TryLater full(long bytes) {
        telemetry.limitHit("memory-budget-bytes");
        return new TryLater(TryLater.Why.BUSY, refusal(bytes), FULL_RETRY_AFTER);
    }

    /** Why {@code bytes} do not fit, with the numbers and the settings to change. */
    String refusal(long bytes) {
        return "the runner's memory for agents is full: this component may grow to " + mib(bytes)
                + " (its linear memories and tables at their maxima, at most mowai.limits.memory-max-bytes = "
                + mib(config.limits().memoryMaxBytes()) + "), and " + budget.leases() + " agent instances already reserve "
                + mib(budget.reserved()) + " of " + mib(budget.capacity()) + " (mowai.limits.memory-budget-bytes; a new agent"
                + " also leaves one agent's room for hot swaps); "
                + "declare a smaller maximum memory in the component (e.g. -Wl,--max-memory=16777216), "
                + "or ask the lead for room";
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    /** A reservation that did not fit: a hot swap or re-instantiation without room, or an upload that raced past the check. */
    public static final class Full extends RuntimeException {
        Full(String message) {
            super(message, null, false, false);
        }
    }
}
