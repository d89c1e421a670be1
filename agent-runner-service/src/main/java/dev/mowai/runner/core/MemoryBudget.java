package dev.mowai.runner.core;

import java.util.Optional;

/**
 * The host memory all agents of a runner may hold together. Each live agent instance reserves the most
 * its linear memories and tables can ever reach (its ceiling, bounded per agent), before it is
 * instantiated, and gives it back when the instance is closed. A reservation that does not fit is
 * refused, so a full runner refuses new loads instead of running out of heap later, when agents grow.
 */
public final class MemoryBudget {
    private final long capacity;
    private long reserved;
    private int leases;

    public MemoryBudget(long capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("the memory budget must be positive, was " + capacity);
        }
        this.capacity = capacity;
    }

    public long capacity() {
        return capacity;
    }

    public synchronized long reserved() {
        return reserved;
    }

    /** Live reservations (agent instances). */
    public synchronized int leases() {
        return leases;
    }

    /** Whether {@code bytes} could be reserved now. */
    public synchronized boolean fits(long bytes) {
        return bytes <= capacity - reserved;
    }

    /** Reserves {@code bytes}, or nothing when they do not fit. */
    public synchronized Optional<Lease> tryReserve(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative reservation " + bytes);
        }
        if (!fits(bytes)) {
            return Optional.empty();
        }
        reserved += bytes;
        leases++;
        return Optional.of(new Lease(bytes));
    }

    /** One reservation; closing it (again) is harmless. */
    public final class Lease implements AutoCloseable {
        private final long bytes;
        private boolean closed;

        private Lease(long bytes) {
            this.bytes = bytes;
        }

        public long bytes() {
            return bytes;
        }

        @Override
        public void close() {
            synchronized (MemoryBudget.this) {
                if (!closed) {
                    closed = true;
                    reserved -= bytes;
                    leases--;
                }
            }
        }
    }
}
