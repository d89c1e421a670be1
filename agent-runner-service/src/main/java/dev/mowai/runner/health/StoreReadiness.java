package dev.mowai.runner.health;

import dev.mowai.runner.config.RunnerConfig;
import dev.mowai.runner.store.AgentStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** DOWN while the data directory has less free space than {@code mowai.store.min-free-bytes}: uploads would get 507. */
@Readiness
@ApplicationScoped
@io.smallrye.common.annotation.Blocking
public class StoreReadiness implements HealthCheck {

    @Inject
    AgentStore store;
    @Inject
    RunnerConfig config;

    @Override
    public HealthCheckResponse call() {
        long free = store.freeBytes();
        var r = HealthCheckResponse.named("store").withData("dataDir", config.dataDir()).withData("freeBytes", free)
                .withData("minFreeBytes", config.store().minFreeBytes());
        return store.low() ? r.down().withData("reason", "disk full: " + free + " bytes free in the data directory, "
                + config.store().minFreeBytes() + " needed (mowai.store.min-free-bytes)").build() : r.up().build();
    }
}
