package dev.mowai.runner.health;

import dev.mowai.runner.client.GatewayCaller;
import dev.mowai.runner.config.RunnerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the inference gateway answers {@code GET /v1/models}. */
@Readiness
@ApplicationScoped
@io.smallrye.common.annotation.Blocking
public class GatewayReadiness implements HealthCheck {

    @Inject
    GatewayCaller gateway;
    @Inject
    RunnerConfig config;

    @Override
    public HealthCheckResponse call() {
        try {
            gateway.models();
            return HealthCheckResponse.named("gateway").up().withData("url", config.gatewayUrl()).build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("gateway").down().withData("url", config.gatewayUrl())
                    .withData("reason", String.valueOf(e.getMessage())).build();
        }
    }
}
