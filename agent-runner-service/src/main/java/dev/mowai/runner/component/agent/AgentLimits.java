package dev.mowai.runner.component.agent;

import dev.mowai.runner.component.abi.BoundaryLimits;

import java.time.Duration;

/**
 * The containment limits of one agent.
 *
 * @param callTimeout       wall-clock limit of one export call (host calls included)
 * @param maxMemoryBytes    cap of each linear memory of the agent
 * @param maxComponentBytes largest component file accepted
 * @param boundary          caps on strings and lists crossing the boundary in one call
 */
public record AgentLimits(Duration callTimeout, long maxMemoryBytes, long maxComponentBytes, BoundaryLimits boundary) {

    /** 30 s per call, 256 MiB memory, 32 MiB components, default boundary caps (16 MiB strings). */
    public static final AgentLimits DEFAULT = new AgentLimits(Duration.ofSeconds(30), 256L << 20, 32L << 20, BoundaryLimits.DEFAULT);

    public AgentLimits {
        if (callTimeout == null || callTimeout.isNegative() || callTimeout.isZero()) {
            throw new IllegalArgumentException("callTimeout must be positive");
        }
        if (maxMemoryBytes < 65536 || maxMemoryBytes > 1L << 32) {
            throw new IllegalArgumentException("maxMemoryBytes must be between 64 KiB and 4 GiB, was " + maxMemoryBytes);
        }
        if (maxComponentBytes <= 0) {
            throw new IllegalArgumentException("maxComponentBytes must be positive");
        }
        if (boundary == null) {
            throw new IllegalArgumentException("boundary limits are required");
        }
    }

    public AgentLimits withCallTimeout(Duration d) {
        return new AgentLimits(d, maxMemoryBytes, maxComponentBytes, boundary);
    }

    public AgentLimits withMaxMemoryBytes(long bytes) {
        return new AgentLimits(callTimeout, bytes, maxComponentBytes, boundary);
    }

    public AgentLimits withMaxComponentBytes(long bytes) {
        return new AgentLimits(callTimeout, maxMemoryBytes, bytes, boundary);
    }

    public AgentLimits withBoundary(BoundaryLimits b) {
        return new AgentLimits(callTimeout, maxMemoryBytes, maxComponentBytes, b);
    }
}
