package dev.mowai.runner.health;

import dev.mowai.runner.config.RunnerConfig;
import dev.mowai.runner.service.AgentRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the agents are restored and the arena is reachable: some agent holds a seat, or (with no
 * seats yet) the arena answers {@code GET /health}.
 */
@Readiness
@ApplicationScoped
@io.smallrye.common.annotation.Blocking
public class ArenaReadiness implements HealthCheck {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Inject
    RunnerConfig config;
    @Inject
    AgentRegistry registry;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder r = HealthCheckResponse.named("arena")
                .withData("agents", registry.size()).withData("joined", registry.joinedCount())
                .withData("restored", registry.restored());
        if (!registry.restored()) {
            return r.down().withData("reason", "restoring agents from the data directory").build();
        }
        String arena = config.arenaUrl().filter(s -> !s.isBlank()).orElse(null);
        if (arena == null) {
            return r.up().withData("arena", "not configured (mowai.arena-url)").build();
        }
        r.withData("arena", arena);
        if (registry.joinedCount() > 0) {
            return r.up().build();
        }
        try {
            URI health = httpBase(URI.create(arena)).resolve("/health");
            HttpResponse<Void> res = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return res.statusCode() == 200 ? r.up().build()
                    : r.down().withData("reason", "arena /health answered " + res.statusCode()).build();
        } catch (Exception e) {
            return r.down().withData("reason", "arena unreachable: " + e).build();
        }
    }

    static URI httpBase(URI ws) {
        String scheme = "wss".equalsIgnoreCase(ws.getScheme()) || "https".equalsIgnoreCase(ws.getScheme()) ? "https" : "http";
        return URI.create(scheme + "://" + ws.getRawAuthority() + "/");
    }
}
