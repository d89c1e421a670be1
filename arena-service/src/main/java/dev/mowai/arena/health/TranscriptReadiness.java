package dev.mowai.arena.health;

import dev.mowai.arena.service.ArenaService;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the transcript accepts appends (events are still relayed when it does not). */
@Readiness
@ApplicationScoped
public class TranscriptReadiness implements HealthCheck {

    private final ArenaService arena;

    public TranscriptReadiness(ArenaService arena) {
        this.arena = arena;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("arena-transcript")
                .status(arena.transcriptHealthy())
                .withData("agents", arena.agentCount())
                .withData("spectators", arena.spectatorCount())
                .build();
    }
}
