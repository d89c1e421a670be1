package dev.mowai.gateway.health;

import dev.mowai.gateway.backend.BackendStatus;
import dev.mowai.gateway.backend.LlmBackend;
import dev.mowai.gateway.core.SchedulerSnapshot;
import dev.mowai.gateway.service.ActiveBackend;
import dev.mowai.gateway.service.BackendInvoker;
import dev.mowai.gateway.service.SchedulerService;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the backend can answer: Ollama reachable with the model present and the circuit breaker
 * not open. The echo backend is ready but says in capitals that no model answers.
 */
@Readiness
@ApplicationScoped
public class BackendReadiness implements HealthCheck {

    private final ActiveBackend active;
    private final SchedulerService scheduler;
    private final CircuitBreakerMaintenance breakers;

    BackendReadiness(ActiveBackend active, SchedulerService scheduler, CircuitBreakerMaintenance breakers) {
        this.active = active;
        this.scheduler = scheduler;
        this.breakers = breakers;
    }

    @Override
    public HealthCheckResponse call() {
        LlmBackend backend = active.get();
        HealthCheckResponseBuilder b = HealthCheckResponse.named("inference-backend")
                .withData("backend", backend.name())
                .withData("model", backend.model());
        BackendStatus status = backend.status();
        CircuitBreakerState breaker = breakers.currentState(BackendInvoker.BREAKER);
        SchedulerSnapshot s = scheduler.snapshot();
        b.withData("detail", status.detail())
                .withData("circuitBreaker", breaker.name())
                .withData("running", s.running())
                .withData("queued", s.queued())
                .withData("maxConcurrent", scheduler.maxConcurrent());
        if (active.pullState() != null) b.withData("pull", active.pullState());
        if ("echo".equals(backend.name())) b.withData("WARNING", "ECHO BACKEND ACTIVE: replies are not from a language model");
        return b.status(status.ready() && breaker != CircuitBreakerState.OPEN).build();
    }
}
