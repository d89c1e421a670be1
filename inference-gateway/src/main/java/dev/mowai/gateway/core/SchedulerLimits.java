package dev.mowai.gateway.core;

/**
 * Limits of the fair scheduler. Times are in nanoseconds because the scheduler never reads a clock:
 * callers pass "now" in, which keeps it deterministic under test.
 *
 * @param maxConcurrent      backend calls allowed at once (Ollama's own parallelism is the natural value)
 * @param maxQueuedPerAgent  waiting requests one agent may have; beyond it the agent gets 429
 * @param maxQueuedTotal     waiting requests across all agents; beyond it everyone gets 429
 * @param queueTimeoutNanos  how long a request may wait for a slot before it is dropped with 503
 */
public record SchedulerLimits(int maxConcurrent, int maxQueuedPerAgent, int maxQueuedTotal, long queueTimeoutNanos) {
    public SchedulerLimits {
        if (maxConcurrent < 1) throw new IllegalArgumentException("maxConcurrent must be >= 1, got " + maxConcurrent);
        if (maxQueuedPerAgent < 0) throw new IllegalArgumentException("maxQueuedPerAgent must be >= 0, got " + maxQueuedPerAgent);
        if (maxQueuedTotal < 0) throw new IllegalArgumentException("maxQueuedTotal must be >= 0, got " + maxQueuedTotal);
        if (queueTimeoutNanos <= 0) throw new IllegalArgumentException("queueTimeoutNanos must be > 0, got " + queueTimeoutNanos);
    }
}
