package dev.mowai.gateway.rest;

import dev.mowai.gateway.backend.BackendException;
import dev.mowai.gateway.backend.CallCancelledException;
import dev.mowai.gateway.core.Admission;
import dev.mowai.gateway.core.CallerIdentification;
import dev.mowai.gateway.core.CallerRefusedException;
import dev.mowai.gateway.core.CallerSignature;
import dev.mowai.gateway.protocol.InvalidRequestException;
import dev.mowai.gateway.protocol.OpenAiError;
import dev.mowai.gateway.service.SchedulerService;
import java.time.Duration;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * How a failure is answered: HTTP status, OpenAI-style error body, an optional Retry-After, and the
 * {@code kind} under which it is counted in mowai_gateway_errors_total.
 */
public record ErrorReply(int status, OpenAiError body, Long retryAfterSeconds) {

    public String kind() {
        return body.error().code();
    }

    static ErrorReply of(int status, String type, String code, String param, String message, Long retryAfter) {
        return new ErrorReply(status, OpenAiError.of(message, type, param, code), retryAfter);
    }

    /** Maps anything thrown while serving a request; the durations are named in the messages. */
    public static ErrorReply from(Throwable t, String agent, Duration queueTimeout, Duration requestTimeout, Duration breakerDelay) {
        return switch (t) {
            case InvalidRequestException e -> of(400, "invalid_request_error", "invalid_request", e.field(), e.getMessage(), null);
            case CallerRefusedException e -> of(401, "authentication_error", "invalid_signature", CallerSignature.HEADER, e.getMessage(), null);
            case SchedulerService.RejectedException e when e.rejection().reason() == Admission.Reason.AGENT_QUEUE_FULL ->
                    of(429, "rate_limit_error", "agent_queue_full", null,
                            (CallerIdentification.ANONYMOUS_AGENT.equals(agent)
                                    ? "the unsigned queue (every caller without a valid X-Mowai-Agent-Signature)"
                                    : "agent '" + agent + "'")
                                    + " already has " + e.limit() + " requests waiting (mowai.scheduler.max-queued-per-agent="
                                    + e.limit() + "); retry after " + e.rejection().retryAfterSeconds() + " s",
                            e.rejection().retryAfterSeconds());
            case SchedulerService.RejectedException e ->
                    of(503, "server_error", "gateway_queue_full", null,
                            "the gateway already holds " + e.limit() + " waiting requests (mowai.scheduler.max-queued-total="
                                    + e.limit() + "); retry after " + e.rejection().retryAfterSeconds() + " s",
                            e.rejection().retryAfterSeconds());
            case SchedulerService.QueueTimeoutException e ->
                    of(503, "server_error", "queue_timeout", null,
                            String.format("waited %.1f s for a backend slot without getting one (mowai.scheduler.queue-timeout=%s); the backend is saturated",
                                    e.waitedNanos() / 1e9, queueTimeout),
                            Math.max(1, queueTimeout.toSeconds() / 2));
            case CircuitBreakerOpenException e ->
                    of(503, "server_error", "backend_circuit_open", null,
                            "the backend failed repeatedly; calls are suspended for up to " + breakerDelay.toMillis()
                                    + " ms before a trial call (see /q/health/ready for the backend's state)",
                            Math.max(1, breakerDelay.toSeconds()));
            case BackendException e -> switch (e.kind()) {
                case DEADLINE -> of(504, "server_error", "request_timeout", null,
                        "the backend did not finish within " + requestTimeout.toMillis() + " ms (mowai.scheduler.request-timeout); the call was cancelled",
                        null);
                case UNAVAILABLE -> of(503, "server_error", "backend_unavailable", null, e.getMessage(), 5L);
                case MODEL_MISSING -> of(503, "server_error", "model_not_found", null, e.getMessage(), 30L);
                case TIMEOUT -> of(504, "server_error", "backend_timeout", null, e.getMessage(), null);
                case BACKEND_ERROR -> of(502, "server_error", "backend_error", null, e.getMessage(), null);
                case BAD_RESPONSE -> of(502, "server_error", "backend_bad_response", null, e.getMessage(), null);
            };
            case CallCancelledException e -> of(499, "client_error", "client_gone", null, e.getMessage(), null);
            case null, default -> of(500, "server_error", "internal_error", null,
                    "internal error (" + (t == null ? "unknown" : t.getClass().getSimpleName()) + "); see the gateway's log", null);
        };
    }
}
