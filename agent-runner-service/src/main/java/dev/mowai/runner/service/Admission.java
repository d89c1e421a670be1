package dev.mowai.runner.service;

import dev.mowai.runner.config.RunnerConfig;
import dev.mowai.runner.core.ClientKey;
import dev.mowai.runner.core.KeyedRateLimiter;
import dev.mowai.runner.core.LoadGate;
import dev.mowai.runner.core.Telemetry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * What a hostile participant or a room uploading at once meets before any work is done: rate limits per
 * client address (uploads) and per agent (hot swaps, trials), answered with 429, and a bounded number of
 * component compiles at once with a bounded queue behind them, answered with 503 beyond it. Each refusal
 * says which limit, its value and when to try again, and counts in {@code mowai_runner_limit_hits_total}.
 * The limiters themselves are plain Java ({@link KeyedRateLimiter}, {@link LoadGate}).
 */
@ApplicationScoped
@Startup // its gauges exist from the start
public class Admission {

    /** Retry-After of a busy answer: a large component's first compile takes a few seconds. */
    static final Duration BUSY_RETRY_AFTER = Duration.ofSeconds(5);

    @Inject
    RunnerConfig config;
    @Inject
    Telemetry telemetry;
    @Inject
    MeterRegistry meters;

    private KeyedRateLimiter uploads;
    private KeyedRateLimiter hotSwaps;
    private KeyedRateLimiter trials;
    private LoadGate loads;
    private Duration loadWait;

    @PostConstruct
    void open() {
        RunnerConfig.LimitsConfig l = config.limits();
        uploads = new KeyedRateLimiter(l.uploadsPerClient(), l.rateWindow(), System::nanoTime);
        hotSwaps = new KeyedRateLimiter(l.hotSwapsPerAgent(), l.rateWindow(), System::nanoTime);
        trials = new KeyedRateLimiter(l.trialsPerAgent(), l.rateWindow(), System::nanoTime);
        loads = new LoadGate(l.concurrentLoads().orElse(Runtime.getRuntime().availableProcessors()), l.loadQueue());
        loadWait = l.loadWait();
        Gauge.builder("mowai.runner.loads.running", loads::loading).description("Components being instantiated now")
                .register(meters);
        Gauge.builder("mowai.runner.loads.waiting", loads::waiting).description("Uploads and hot swaps waiting to be instantiated")
                .register(meters);
    }

    /** Counts an upload attempt of {@code address} (whatever its outcome: join-code guessing counts too). */
    void upload(String address) {
        String client = ClientKey.of(address);
        limit(uploads, client, "uploads from " + client, "uploads-per-client");
    }

    void hotSwap(String agentId) {
        limit(hotSwaps, agentId, "hot swaps of agent " + agentId, "hot-swaps-per-agent");
    }

    void trial(String agentId) {
        limit(trials, agentId, "trials of agent " + agentId, "trials-per-agent");
    }

    /** A compile slot for an upload or hot swap, after waiting in the queue if it has room; else {@link TryLater}. */
    LoadGate.Permit enterLoad() {
        LoadGate.Admission admission;
        try {
            admission = loads.tryEnter(loadWait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a compile slot");
        }
        return switch (admission) {
            case LoadGate.Admission.Admitted a -> a.permit();
            case LoadGate.Admission.QueueFull f -> busy("concurrent-loads", count(f.slots(), "component is", "components are")
                    + " being compiled and " + count(f.queue(), "more is", "more are") + " waiting (mowai.limits.concurrent-loads=" + f.slots()
                    + ", mowai.limits.load-queue=" + f.queue() + "); try again in a few seconds");
            case LoadGate.Admission.WaitedTooLong w -> busy("load-wait", "no compile slot came free within "
                    + Durations.text(w.waited()) + " (mowai.limits.load-wait; " + w.slots()
                    + " components are compiled at once, mowai.limits.concurrent-loads); try again in a few seconds");
        };
    }

    /** A compile slot for restoring an agent at start: waits as long as it takes. */
    LoadGate.Permit enterRestore() {
        return loads.enter();
    }

    private void limit(KeyedRateLimiter limiter, String key, String what, String limitKey) {
        if (limiter.tryAcquire(key) instanceof KeyedRateLimiter.Decision.Refused refused) {
            telemetry.limitHit(limitKey);
            Duration wait = refused.retryAfter();
            throw new TryLater(TryLater.Why.RATE_LIMITED, "too many " + what + ": at most " + limiter.permits() + " per "
                    + Durations.text(limiter.period()) + " (mowai.limits." + limitKey + " per mowai.limits.rate-window); "
                    + "try again in " + Durations.seconds(wait) + " s", wait);
        }
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    private LoadGate.Permit busy(String limitKey, String message) {
        telemetry.limitHit(limitKey);
        throw new TryLater(TryLater.Why.BUSY, "the runner is busy: " + message, BUSY_RETRY_AFTER);
    }
}
