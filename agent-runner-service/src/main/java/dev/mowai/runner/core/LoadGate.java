package dev.mowai.runner.core;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Admission to the expensive path: instantiating a component (a JavaScript agent's first compile takes
 * seconds of CPU and hundreds of MiB). At most {@code slots} loads run at once; at most {@code queue}
 * callers wait behind them, each for at most the wait it asks for; anyone beyond is refused at once and
 * told why. Restoring agents at start waits without a bound ({@link #enter()}): it must not be refused,
 * but it shares the same slots, so uploads and restores never overload the machine together.
 */
public final class LoadGate {

    /** The outcome of {@link #tryEnter}: a permit to load, or why there is none. */
    public sealed interface Admission {
        record Admitted(Permit permit) implements Admission {
        }

        /** Every slot is busy and the queue is full. */
        record QueueFull(int slots, int queue) implements Admission {
        }

        /** Waited as long as allowed and no slot came free. */
        record WaitedTooLong(int slots, Duration waited) implements Admission {
        }
    }

    private final int slots;
    private final int queue;
    private final Semaphore free;
    private final AtomicInteger waiting = new AtomicInteger();

    public LoadGate(int slots, int queue) {
        if (slots < 1 || queue < 0) {
            throw new IllegalArgumentException("need at least one slot and a queue of 0 or more, not " + slots + "/" + queue);
        }
        this.slots = slots;
        this.queue = queue;
        this.free = new Semaphore(slots, true);
    }

    /** A slot, held until {@link #close()}; closing twice releases once. */
    public final class Permit implements AutoCloseable {
        private final AtomicBoolean open = new AtomicBoolean(true);

        private Permit() {
        }

        @Override
        public void close() {
            if (open.compareAndSet(true, false)) {
                free.release();
            }
        }
    }

    /** A slot at once, or after waiting up to {@code maxWait} in the queue if it has room. */
    public Admission tryEnter(Duration maxWait) throws InterruptedException {
        // Zero-wait tryAcquire with a timeout honours the semaphore's fairness: no overtaking the queue.
        if (free.tryAcquire(0, TimeUnit.NANOSECONDS)) {
            return new Admission.Admitted(new Permit());
        }
        if (waiting.incrementAndGet() > queue) {
            waiting.decrementAndGet();
            return new Admission.QueueFull(slots, queue);
        }
        try {
            if (free.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
                return new Admission.Admitted(new Permit());
            }
            return new Admission.WaitedTooLong(slots, maxWait);
        } finally {
            waiting.decrementAndGet();
        }
    }

    /** A slot, however long it takes (restore at start: nobody to refuse it to). */
    public Permit enter() {
        free.acquireUninterruptibly();
        return new Permit();
    }

    public int slots() {
        return slots;
    }

    public int queue() {
        return queue;
    }

    /** Loads running now. */
    public int loading() {
        return slots - free.availablePermits();
    }

    /** Callers waiting in the queue now. */
    public int waiting() {
        return waiting.get();
    }
}
