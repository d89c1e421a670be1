package dev.mowai.runner.component.wasi;

/**
 * A token bucket over the bytes an instance writes to its log (stdout and stderr together): a
 * burst of {@code burst} bytes, refilled at {@code perSecond}. Lines over the budget are dropped;
 * the next admitted line is preceded by one notice saying how much was dropped.
 */
final class LogLimiter {
    private final long burst;
    private final long perSecond;
    private final WasiClock clock;
    private double tokens;
    private long lastRefill;
    private long droppedBytes;
    private long droppedLines;

    LogLimiter(long burst, long perSecond, WasiClock clock) {
        this.burst = burst;
        this.perSecond = perSecond;
        this.clock = clock;
        this.tokens = burst;
        this.lastRefill = clock.monotonicNanos();
    }

    /** Writes the line if the budget allows (reporting earlier drops first), else counts it as dropped. */
    void offer(WasiLog log, String level, String line, int bytes) {
        refill();
        long cost = bytes + 1L;
        if (tokens < cost) {
            droppedBytes += bytes;
            droppedLines++;
            return;
        }
        tokens -= cost;
        if (droppedLines > 0) {
            log.log("warn", "[mowai] " + droppedLines + " line(s), " + droppedBytes + " bytes of output dropped: "
                    + "over the log rate limit of " + perSecond + " bytes/s (burst " + burst + " bytes)");
            droppedLines = 0;
            droppedBytes = 0;
        }
        log.log(level, line);
    }

    private void refill() {
        long now = clock.monotonicNanos();
        long elapsed = now - lastRefill;
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + elapsed * (perSecond / 1e9));
            lastRefill = now;
        }
    }
}
