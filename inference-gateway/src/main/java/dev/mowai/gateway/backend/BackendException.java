package dev.mowai.gateway.backend;

/** A backend failure. Counts towards the circuit breaker. */
public final class BackendException extends RuntimeException {

    public enum Kind {
        /** Nothing answers at the backend's address. */
        UNAVAILABLE,
        /** The backend answered but does not have the model. */
        MODEL_MISSING,
        /** The backend did not answer within its own client timeout. */
        TIMEOUT,
        /** The gateway's request timeout (mowai.scheduler.request-timeout) cut the call short. */
        DEADLINE,
        /** The backend answered with an error status. */
        BACKEND_ERROR,
        /** The backend's answer could not be understood. */
        BAD_RESPONSE
    }

    private final Kind kind;

    public BackendException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public BackendException(Kind kind, String message) {
        this(kind, message, null);
    }

    public Kind kind() {
        return kind;
    }
}
