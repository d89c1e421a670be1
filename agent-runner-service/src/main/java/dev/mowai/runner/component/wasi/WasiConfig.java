package dev.mowai.runner.component.wasi;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of the WASI host for one agent instance.
 *
 * @param stdoutLevel       log level of lines the guest writes to stdout
 * @param stderrLevel       log level of lines written to stderr
 * @param maxLineBytes      a longer line is cut into pieces of this size
 * @param logBurstBytes     output the guest may write at once before the rate cap applies
 * @param logBytesPerSecond sustained output rate; the excess is dropped and the drop reported once
 * @param maxBlock          the longest a single blocking call (poll, block, blocking-*) may wait;
 *                          a guest asking to wait longer traps at once, without waiting
 * @param maxRandomBytes    the most bytes one get-random-bytes call may ask for
 */
public record WasiConfig(String stdoutLevel, String stderrLevel, int maxLineBytes, long logBurstBytes,
                         long logBytesPerSecond, Duration maxBlock, int maxRandomBytes) {

    public static final WasiConfig DEFAULTS = new WasiConfig("info", "error", 4096, 256 * 1024, 16 * 1024,
            Duration.ofSeconds(30), 1024 * 1024);

    public WasiConfig {
        Objects.requireNonNull(stdoutLevel, "stdoutLevel");
        Objects.requireNonNull(stderrLevel, "stderrLevel");
        Objects.requireNonNull(maxBlock, "maxBlock");
        if (maxLineBytes < 16) throw new IllegalArgumentException("maxLineBytes must be at least 16, got " + maxLineBytes);
        if (logBurstBytes < maxLineBytes) {
            throw new IllegalArgumentException("logBurstBytes (" + logBurstBytes + ") must be at least maxLineBytes ("
                    + maxLineBytes + ")");
        }
        if (logBytesPerSecond < 0) throw new IllegalArgumentException("logBytesPerSecond must not be negative");
        if (maxBlock.isNegative()) throw new IllegalArgumentException("maxBlock must not be negative");
        if (maxRandomBytes < 0) throw new IllegalArgumentException("maxRandomBytes must not be negative");
    }

    public WasiConfig withMaxBlock(Duration d) {
        return new WasiConfig(stdoutLevel, stderrLevel, maxLineBytes, logBurstBytes, logBytesPerSecond, d, maxRandomBytes);
    }

    public WasiConfig withLogRate(long burstBytes, long bytesPerSecond) {
        return new WasiConfig(stdoutLevel, stderrLevel, maxLineBytes, burstBytes, bytesPerSecond, maxBlock, maxRandomBytes);
    }

    public WasiConfig withMaxLineBytes(int bytes) {
        return new WasiConfig(stdoutLevel, stderrLevel, bytes, Math.max(bytes, logBurstBytes), logBytesPerSecond,
                maxBlock, maxRandomBytes);
    }
}
