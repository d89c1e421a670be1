package dev.mowai.runner.core;

import java.time.Duration;

/**
 * Reconnect delays: exponential from {@code base}, capped at {@code max}, with "equal jitter" (half
 * fixed, half random) so that hundreds of agents reconnecting after an arena restart spread out.
 */
public record Backoff(Duration base, Duration max) {

    /** The delay before reconnect attempt {@code attempt} (1 = first retry); {@code random} in [0,1). */
    public Duration delay(int attempt, double random) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt starts at 1: " + attempt);
        }
        long cap = max.toMillis();
        long exp = base.toMillis() << Math.min(attempt - 1, 30);
        long ceiling = exp <= 0 || exp > cap ? cap : exp;
        long half = ceiling / 2;
        return Duration.ofMillis(half + (long) (random * (ceiling - half)));
    }
}
