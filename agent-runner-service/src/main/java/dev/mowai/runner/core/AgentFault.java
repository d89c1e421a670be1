package dev.mowai.runner.core;

/** A call into an agent ended abnormally: a trap, a broken runtime limit, or an invalid result. */
public final class AgentFault extends RuntimeException {

    /** Why the call ended; each kind is counted separately in the metrics. */
    public enum Kind { TRAP, TIMEOUT, MEMORY, INVALID_RESULT, INSTANTIATION }

    private final Kind kind;

    public AgentFault(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public AgentFault(Kind kind, String message) {
        this(kind, message, null);
    }

    public Kind kind() {
        return kind;
    }
}
