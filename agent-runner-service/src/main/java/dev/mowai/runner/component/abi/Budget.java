package dev.mowai.runner.component.abi;

/** Counts what one value transfer moves across the boundary against {@link BoundaryLimits}. */
final class Budget {
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

    private void add(long bytes) {
        total += bytes;
        if (total > limits.maxTotalBytes()) {
            throw new BoundaryLimitExceeded("value transfer size", "max-total-bytes", limits.maxTotalBytes(), total);
        }
    }
}
