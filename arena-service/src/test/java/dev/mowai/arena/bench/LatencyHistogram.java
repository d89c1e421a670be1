package dev.mowai.arena.bench;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/** Lock-free latency histogram: 50 µs buckets up to 10 s, then one overflow bucket. */
final class LatencyHistogram {

    private static final long BUCKET_NANOS = 50_000;
    private static final int BUCKETS = 200_000;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS + 1);
    private final LongAdder total = new LongAdder();

    void record(long nanos) {
        int bucket = (int) Math.min(BUCKETS, Math.max(0, nanos) / BUCKET_NANOS);
        counts.incrementAndGet(bucket);
        total.increment();
    }

    long count() {
        return total.sum();
    }

    /** Upper edge of the bucket holding the given quantile, in milliseconds; NaN when empty. */
    double percentileMillis(double q) {
        long n = count();
        if (n == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.ceil(q * n);
        long seen = 0;
        for (int i = 0; i <= BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return (i + 1) * BUCKET_NANOS / 1e6;
            }
        }
        return Double.POSITIVE_INFINITY;
    }
}
