package dev.mowai.runner.component.abi;

/**
 * Counts what one value transfer moves across the boundary against {@link BoundaryLimits}: the bytes
 * of strings and list elements, and for lifted lists the host objects they become.
 */
final class Budget {
    /**
     * Heap of one lifted list element beyond its bytes (a {@code Val} object and the reference to it):
     * without it, a guest could make a few MiB of aliased lists into GiBs of objects.
     */
    static final long HOST_BYTES_PER_ELEMENT = 24;

    private final BoundaryLimits limits;
    private long total;

    Budget(BoundaryLimits limits) {
        this.limits = limits;
    }

    void string(long bytes) {
        if (bytes > limits.maxStringBytes()) {
            throw new BoundaryLimitExceeded("string", "max-string-bytes", limits.maxStringBytes(), bytes);
        }
        add(bytes);
    }

    void list(long length, int elemSize) {
        if (length > limits.maxListLength()) {
            throw new BoundaryLimitExceeded("list length", "max-list-length", limits.maxListLength(), length);
        }
        add(length * Math.max(1, elemSize));
    }

    /** {@code count} list elements lifted as objects (byte lists stay arrays and do not count here). */
    void values(long count) {
        add(count * HOST_BYTES_PER_ELEMENT);
    }

    private void add(long bytes) {
        total += bytes;
        if (total > limits.maxTotalBytes()) {
            throw new BoundaryLimitExceeded("value transfer size", "max-total-bytes", limits.maxTotalBytes(), total);
        }
    }
}
