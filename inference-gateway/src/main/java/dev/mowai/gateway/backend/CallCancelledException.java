package dev.mowai.gateway.backend;

/**
 * The caller went away while its request ran. Not a backend fault, so the circuit breaker ignores it
 * (a request timeout, in contrast, is reported as a {@link BackendException} of kind TIMEOUT).
 */
public final class CallCancelledException extends RuntimeException {
    public CallCancelledException(String message) {
        super(message, null, false, false);
    }
}
