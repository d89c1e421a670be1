package dev.mowai.runner.service;

/** A changing call without the agent's token, or an upload without the join code. */
public final class AccessDenied extends RuntimeException {

    /** Which secret was missing or wrong. */
    public enum Reason { TOKEN, JOIN_CODE }

    private final Reason reason;

    public AccessDenied(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
