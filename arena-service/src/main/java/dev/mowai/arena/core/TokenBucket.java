package dev.mowai.arena.core;

import java.util.Optional;

/** Rate limit of an agent's frames: refills at {@code rate}/s up to {@code burst}. */
public record TokenBucket(double tokens, long updatedAt) {

    public static TokenBucket full(int burst, long now) {
        return new TokenBucket(burst, now);
    }

    /** @return the bucket after taking one token, or empty when the agent is over its rate */
    public Optional<TokenBucket> take(long now, double rate, int burst) {
        double refilled = Math.min(burst, tokens + Math.max(0, now - updatedAt) * rate / 1000.0);
        if (refilled < 1.0) {
            return Optional.empty();
        }
        return Optional.of(new TokenBucket(refilled - 1.0, now));
    }
}
