package dev.mowai.runner.core;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * "At most {@code permits} per {@code period}" for each key on its own (a client address, an agent id):
 * a token bucket that holds {@code permits} tokens and refills one every {@code period / permits}, kept
 * as one number per key (the generic cell rate algorithm: the time at which the bucket would be full
 * again). A refusal says how long until the next token. Time comes from the injected nanosecond clock.
 *
 * <p>Why not SmallRye Fault Tolerance's {@code @RateLimit}: it keeps one limiter per annotated method,
 * shared by every caller, so one spamming client would lock out everybody; here each key has its own bucket.
 *
 * <p>Memory: a key whose bucket has refilled completely is indistinguishable from a new key, so such keys
 * are dropped whenever the table has doubled since the last sweep; the table holds at most the keys
 * seen within one {@code period}.
 */
public final class KeyedRateLimiter {

    /** Whether a call may proceed; a refusal carries the wait until it would be allowed. */
    public sealed interface Decision {
        record Allowed() implements Decision {
        }

        record Refused(Duration retryAfter) implements Decision {
        }
    }

    private static final Decision ALLOWED = new Decision.Allowed();
    private static final int FIRST_SWEEP = 1024;

    private final int permits;
    private final Duration period;
    private final long intervalNanos;
    private final long burstNanos;
    private final LongSupplier nanoClock;
    /** Per key: when its bucket will be full again (on the clock's scale). */
    private final Map<String, Long> fullAt = new ConcurrentHashMap<>();
    private volatile int sweepAt = FIRST_SWEEP;

    /**
     * @param permits at most this many calls per {@code period} and key, all at once if the key was idle;
     *                0 turns the limit off
     */
    public KeyedRateLimiter(int permits, Duration period, LongSupplier nanoClock) {
        if (permits < 0) {
            throw new IllegalArgumentException("permits must be 0 (no limit) or more, not " + permits);
        }
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive, not " + period);
        }
        this.permits = permits;
        this.period = period;
        this.intervalNanos = permits == 0 ? 0 : Math.max(1, period.toNanos() / permits);
        this.burstNanos = intervalNanos * Math.max(0, permits - 1);
        this.nanoClock = nanoClock;
    }

    public int permits() {
        return permits;
    }

    public Duration period() {
        return period;
    }

    /** Takes a token of {@code key}'s bucket if there is one. */
    public Decision tryAcquire(String key) {
        if (permits == 0) {
            return ALLOWED;
        }
        long now = nanoClock.getAsLong();
        long[] wait = {0};
        fullAt.compute(key, (k, full) -> {
            // Differences, not comparisons, so that a clock such as System.nanoTime may be negative or wrap.
            long start = full == null || full - now < 0 ? now : full;
            if (start - now > burstNanos) {
                wait[0] = start - burstNanos - now;
                return full;
            }
            return start + intervalNanos;
        });
        if (fullAt.size() >= sweepAt) {
            sweep(now);
        }
        return wait[0] == 0 ? ALLOWED : new Decision.Refused(Duration.ofNanos(wait[0]));
    }

    /** How many keys the limiter remembers (for tests and metrics). */
    public int keys() {
        return fullAt.size();
    }

    private void sweep(long now) {
        fullAt.entrySet().removeIf(e -> e.getValue() - now <= 0);
        sweepAt = Math.max(FIRST_SWEEP, fullAt.size() * 2);
    }
}
