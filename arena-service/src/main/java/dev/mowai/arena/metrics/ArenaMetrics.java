package dev.mowai.arena.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/** The arena's meters, exposed at {@code /q/metrics} (Prometheus names get a {@code _total}/{@code _seconds} suffix). */
@ApplicationScoped
public class ArenaMetrics {

    private final MeterRegistry registry;
    private final Timer fanout;
    private final Counter transcriptFailures;
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();

    public ArenaMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.fanout = Timer.builder("mowai.arena.fanout")
                .description("Time to persist an event and hand it to every recipient")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(10_000))
                .maximumExpectedValue(Duration.ofSeconds(2))
                .register(registry);
        this.transcriptFailures = Counter.builder("mowai.arena.transcript.failures")
                .description("Events that could not be appended to the transcript").register(registry);
    }

    public void gauges(Supplier<Number> agents, Supplier<Number> spectators) {
        gauge("mowai.arena.agents", "Agents connected", agents);
        gauge("mowai.arena.spectators", "Spectators following /arena", spectators);
    }

    private void gauge(String name, String description, Supplier<Number> value) {
        // Strong reference: Micrometer holds gauge targets weakly, and a collected supplier reads NaN.
        Gauge.builder(name, value, s -> s.get().doubleValue()).description(description).strongReference(true).register(registry);
    }

    public void message(String type) {
        counter("mowai.arena.messages", "type", type, "Valid messages received from agents").increment();
    }

    public void error(String type) {
        counter("mowai.arena.errors", "type", type, "Frames refused with ARENA_ERROR").increment();
    }

    public void kick(String reason) {
        counter("mowai.arena.kicks", "reason", reason, "Connections closed by the arena").increment();
    }

    public void fanout(long nanos) {
        fanout.record(Duration.ofNanos(nanos));
    }

    public void transcriptFailure() {
        transcriptFailures.increment();
    }

    private Counter counter(String name, String tag, String value, String description) {
        return counters.computeIfAbsent(name + "|" + value,
                k -> Counter.builder(name).description(description).tag(tag, value).register(registry));
    }
}
