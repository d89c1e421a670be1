package dev.mowai.arena.core;

import dev.mowai.arena.protocol.Limits;

/**
 * Tunables of the relay. Defaults follow the seed; tests shorten the timings.
 *
 * @param maxErrors         errors tolerated within {@code errorWindowMs}; one more disconnects the agent
 * @param pingIntervalMs    how often the arena sends PING
 * @param silenceTimeoutMs  a connection that sent nothing for this long is closed
 * @param messagesPerSecond sustained frame rate allowed per agent (token bucket)
 * @param burst             bucket size: frames an agent may send at once
 * @param recentTasks       tasks replayed to a late joiner
 */
public record RelayConfig(int maxErrors, long errorWindowMs, long pingIntervalMs, long silenceTimeoutMs,
        long clockSkewMs, double messagesPerSecond, int burst, int recentTasks, String arenaVersion) {

    public static final String ARENA_VERSION = "0.1.0";

    public static RelayConfig defaults() {
        return new RelayConfig(10, 60_000, 30_000, 90_000, Limits.CLOCK_SKEW_MS, 20, 40, 5, ARENA_VERSION);
    }
}
