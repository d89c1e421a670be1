package dev.mowai.gateway.service;

import dev.mowai.gateway.backend.CallCancelledException;
import dev.mowai.gateway.backend.CancelSignal;
import dev.mowai.gateway.backend.TokenSink;
import dev.mowai.gateway.protocol.Completion;
import dev.mowai.gateway.protocol.InvalidRequestException;
import dev.mowai.gateway.protocol.Prompt;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

/**
 * Every backend call passes this circuit breaker: after repeated failures calls fail at once with
 * CircuitBreakerOpenException instead of each waiting for a dead backend; after the delay one trial
 * call decides whether to close it again. No retries: a caller decides itself whether to try again.
 * Tune with {@code dev.mowai.gateway.service.BackendInvoker/invoke/CircuitBreaker/delay} etc.
 */
@ApplicationScoped
public class BackendInvoker {

    public static final String BREAKER = "llm-backend";

    private final ActiveBackend backend;

    BackendInvoker(ActiveBackend backend) {
        this.backend = backend;
    }

    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5000, successThreshold = 1,
            skipOn = {CallCancelledException.class, InvalidRequestException.class})
    @CircuitBreakerName(BREAKER)
    public Completion invoke(Prompt prompt, TokenSink tokens, CancelSignal cancel) {
        return backend.get().generate(prompt, tokens, cancel);
    }
}
