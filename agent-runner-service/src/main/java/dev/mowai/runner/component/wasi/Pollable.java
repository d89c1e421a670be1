package dev.mowai.runner.component.wasi;

/**
 * The representation of a {@code wasi:io/poll.pollable}: ready once the instance's monotonic clock
 * reaches {@code readyAtNanos}. Streams in this sandbox never wait, so their pollables are ready at once.
 */
record Pollable(long readyAtNanos) {
    static final Pollable ALWAYS_READY = new Pollable(Long.MIN_VALUE);

    boolean ready(WasiClock clock) {
        return clock.monotonicNanos() >= readyAtNanos;
    }
}
