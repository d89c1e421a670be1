package dev.mowai.runner.component.link;

import dev.mowai.runner.component.abi.BoundaryLimits;
import java.time.Duration;

/**
 * Limits every component instance runs under.
 *
 * @param maxMemoryBytes cap of all linear memories and tables of one instance together; the declared
 *                       maxima of the memories and tables its core modules define are rewritten so that
 *                       their sum stays within it ({@link MemoryPlan})
 * @param callTimeout    wall-clock limit of one export call, host calls included
 * @param boundary       caps on strings/lists crossing the boundary in one call
 */
public record RuntimeLimits(long maxMemoryBytes, Duration callTimeout, BoundaryLimits boundary) {

    public static final long PAGE = 65536;

    /** 256 MiB for all memories of an instance, 30 s per call (host-llm calls wait for the model), default boundary caps. */
    public static final RuntimeLimits DEFAULT = new RuntimeLimits(256L << 20, Duration.ofSeconds(30), BoundaryLimits.DEFAULT);

    public RuntimeLimits {
        if (maxMemoryBytes < PAGE || maxMemoryBytes > (1L << 32)) {
            throw new IllegalArgumentException("maxMemoryBytes must be between 64 KiB and 4 GiB, was " + maxMemoryBytes);
        }
        if (callTimeout.isNegative() || callTimeout.isZero()) {
            throw new IllegalArgumentException("callTimeout must be positive");
        }
    }
}
