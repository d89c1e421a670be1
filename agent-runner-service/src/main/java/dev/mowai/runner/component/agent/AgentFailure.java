package dev.mowai.runner.component.agent;

/**
 * Loading or calling an agent failed. The {@link Kind} says why — each limit has its own kind —
 * and {@link #discarded()} whether the agent instance is gone (a trapped instance is never entered
 * again) or still usable (the failure was detected before the guest was touched).
 */
public final class AgentFailure extends RuntimeException {

    public enum Kind {
        /** The file is not a component we can parse (the message says what and where). */
        INVALID_COMPONENT,
        /** The component file is larger than {@link AgentLimits#maxComponentBytes()}. */
        COMPONENT_TOO_LARGE,
        /** The component does not implement the agent world or needs imports the host lacks. */
        NOT_CONFORMING,
        /** Linking or the start functions failed. */
        INSTANTIATION,
        /** The guest trapped (including invalid values it passed across the boundary). */
        TRAP,
        /** An export call ran past {@link AgentLimits#callTimeout()}. */
        TIMEOUT,
        /** The guest hit {@link AgentLimits#maxMemoryBytes()}. */
        MEMORY_LIMIT,
        /** A string or list crossing the boundary exceeded {@link AgentLimits#boundary()}. */
        BOUNDARY_LIMIT,
        /** The agent was discarded by an earlier failure or closed. */
        DISCARDED
    }

    private final Kind kind;
    private final boolean discarded;

    public AgentFailure(Kind kind, String message, boolean discarded, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.discarded = discarded;
    }

    public Kind kind() {
        return kind;
    }

    /** True when the agent instance is closed and must be instantiated again to be used. */
    public boolean discarded() {
        return discarded;
    }
}
