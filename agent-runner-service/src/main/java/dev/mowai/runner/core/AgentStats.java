package dev.mowai.runner.core;

import java.util.concurrent.atomic.AtomicLong;

/** Counters shown by {@code GET /agents/{id}}; updated on the agent's thread, read from anywhere. */
public final class AgentStats {

    public final AtomicLong tasksHandled = new AtomicLong();
    public final AtomicLong peerThoughts = new AtomicLong();
    public final AtomicLong llmCalls = new AtomicLong();
    public final AtomicLong llmErrors = new AtomicLong();
    public final AtomicLong broadcasts = new AtomicLong();
    public final AtomicLong traps = new AtomicLong();
    public final AtomicLong limitHits = new AtomicLong();
    public final AtomicLong shedCalls = new AtomicLong();
    private volatile String lastError;

    public String lastError() {
        return lastError;
    }

    void lastError(String error) {
        this.lastError = error;
    }

    /** A copy of the counters at one moment. */
    public Snapshot snapshot() {
        return new Snapshot(tasksHandled.get(), peerThoughts.get(), llmCalls.get(), llmErrors.get(),
                broadcasts.get(), traps.get(), limitHits.get(), shedCalls.get(), lastError);
    }

    public record Snapshot(long tasksHandled, long peerThoughts, long llmCalls, long llmErrors, long broadcasts,
                           long traps, long limitHits, long shedCalls, String lastError) {
    }
}
