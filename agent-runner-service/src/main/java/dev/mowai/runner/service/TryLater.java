package dev.mowai.runner.service;

import java.time.Duration;

/**
 * A call refused for now, to be tried again after {@link #retryAfter()}: a rate limit (429) or every
 * compile slot busy (503). The message names the limit, its value and its configuration key.
 */
public final class TryLater extends RuntimeException {

    /** Why the call must wait. */
    public enum Why {
        /** This client or agent made too many such calls lately. */
        RATE_LIMITED,
        /** The runner is compiling as many components as it may, with a full queue behind them. */
        BUSY
    }

    private final Why why;
    private final Duration retryAfter;

    public TryLater(Why why, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.why = why;
        this.retryAfter = retryAfter;
    }

    public Why why() {
        return why;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** For the Retry-After header: whole seconds, rounded up, at least 1. */
    public long retryAfterSeconds() {
        return Durations.seconds(retryAfter);
    }
}
