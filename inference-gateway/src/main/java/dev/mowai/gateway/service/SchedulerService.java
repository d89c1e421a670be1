package dev.mowai.gateway.service;

import dev.mowai.gateway.config.SchedulerConfig;
import dev.mowai.gateway.core.Admission;
import dev.mowai.gateway.core.Expired;
import dev.mowai.gateway.core.FairScheduler;
import dev.mowai.gateway.core.Grant;
import dev.mowai.gateway.core.SchedulerLimits;
import dev.mowai.gateway.core.SchedulerSnapshot;
import dev.mowai.gateway.metrics.GatewayMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The thread-safe shell around {@link FairScheduler}: serialises its calls, reads the clock, turns
 * grants into completed futures and expires waiting requests on a timer.
 */
@ApplicationScoped
public class SchedulerService {

    /** Completes with the grant when the request may run, or exceptionally with {@link QueueTimeoutException}. */
    public record Ticket(long id, String agent, CompletableFuture<Grant> started) {}

    /** The request was refused at once (429/503 with Retry-After). */
    public static final class RejectedException extends RuntimeException {
        private final Admission.Rejected rejection;
        private final int limit;

        RejectedException(Admission.Rejected rejection, int limit) {
            super(null, null, false, false);
            this.rejection = rejection;
            this.limit = limit;
        }

        public Admission.Rejected rejection() {
            return rejection;
        }

        public int limit() {
            return limit;
        }
    }

    /** The request waited longer than mowai.scheduler.queue-timeout. */
    public static final class QueueTimeoutException extends RuntimeException {
        private final long waitedNanos;

        QueueTimeoutException(long waitedNanos) {
            super(null, null, false, false);
            this.waitedNanos = waitedNanos;
        }

        public long waitedNanos() {
            return waitedNanos;
        }
    }

    private final SchedulerConfig config;
    private final GatewayMetrics metrics;
    private final FairScheduler core;
    private final Map<Long, CompletableFuture<Grant>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final ScheduledExecutorService ticker;

    SchedulerService(SchedulerConfig config, GatewayMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
        core = new FairScheduler(new SchedulerLimits(config.maxConcurrent(), config.maxQueuedPerAgent(),
                config.maxQueuedTotal(), config.queueTimeout().toNanos()));
        ticker = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("gateway-queue-expiry").daemon().factory());
        long period = Math.max(10, Math.min(250, config.queueTimeout().toMillis() / 10));
        ticker.scheduleAtFixedRate(this::expire, period, period, TimeUnit.MILLISECONDS);
    }

    /** At start-up, so that the queue gauges exist before the first request. */
    void onStart(@Observes StartupEvent ev) {
        metrics.watchScheduler(this::snapshot);
    }

    void onStop(@Observes ShutdownEvent ev) {
        ticker.shutdownNow();
    }

    public Ticket submit(String agent) {
        long id = ids.incrementAndGet();
        CompletableFuture<Grant> started = new CompletableFuture<>();
        Admission a;
        synchronized (this) {
            a = core.submit(id, agent, System.nanoTime());
            if (a instanceof Admission.Queued) pending.put(id, started);
        }
        return switch (a) {
            case Admission.Started s -> {
                metrics.queueWait(0);
                started.complete(s.grant());
                yield new Ticket(id, agent, started);
            }
            case Admission.Queued q -> new Ticket(id, agent, started);
            case Admission.Rejected r -> throw new RejectedException(r,
                    r.reason() == Admission.Reason.AGENT_QUEUE_FULL ? config.maxQueuedPerAgent() : config.maxQueuedTotal());
        };
    }

    /** The caller went away: a waiting request leaves the queue. Returns false if it already runs. */
    public boolean cancelQueued(long id) {
        synchronized (this) {
            if (!core.cancelQueued(id)) return false;
        }
        CompletableFuture<Grant> f = pending.remove(id);
        if (f != null) f.cancel(false);
        return true;
    }

    /** The backend call of a started request ended; its slot goes to the next agent in turn. */
    public void release(long id) {
        List<Grant> next;
        synchronized (this) {
            next = core.release(id, System.nanoTime());
        }
        for (Grant g : next) {
            metrics.queueWait(g.waitedNanos());
            CompletableFuture<Grant> f = pending.remove(g.id());
            if (f != null) f.complete(g);
        }
    }

    public synchronized SchedulerSnapshot snapshot() {
        return core.snapshot();
    }

    public int maxConcurrent() {
        return config.maxConcurrent();
    }

    private void expire() {
        List<Expired> expired;
        synchronized (this) {
            expired = core.expire(System.nanoTime());
        }
        for (Expired e : expired) {
            metrics.queueWait(e.waitedNanos());
            CompletableFuture<Grant> f = pending.remove(e.id());
            if (f != null) f.completeExceptionally(new QueueTimeoutException(e.waitedNanos()));
        }
    }
}
