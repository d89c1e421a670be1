package dev.mowai.runner.component.wasi;

import java.time.Instant;

/**
 * Time as the guest sees it, and the way host calls wait. Injected so that tests can drive time
 * without sleeping.
 */
public interface WasiClock {

    /** Nanoseconds on a clock that never goes backwards, starting near zero for each instance. */
    long monotonicNanos();

    Instant wallClock();

    /** Waits {@code nanos}; an interrupt of the calling thread ends the wait early. */
    void sleep(long nanos) throws InterruptedException;

    /** The real clocks: {@link System#nanoTime()} relative to creation, {@link Instant#now()}. */
    static WasiClock system() {
        long origin = System.nanoTime();
        return new WasiClock() {
            @Override
            public long monotonicNanos() {
                return System.nanoTime() - origin;
            }

            @Override
            public Instant wallClock() {
                return Instant.now();
            }

            @Override
            public void sleep(long nanos) throws InterruptedException {
                Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            }
        };
    }
}
