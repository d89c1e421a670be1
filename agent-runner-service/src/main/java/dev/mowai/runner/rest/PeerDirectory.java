package dev.mowai.runner.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mowai.runner.config.RunnerConfig;
import dev.mowai.runner.service.AgentView;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** The other replicas' own agent lists, for a merged {@code GET /agents}. */
@ApplicationScoped
public class PeerDirectory {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Inject
    RunnerConfig config;

    List<AgentView> list(OwnerForwarding.Peer peer) {
        try {
            HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(peer.base() + "/agents?scope=local"))
                    .header(OwnerForwarding.FORWARDED_BY, config.cluster().self()).timeout(Duration.ofSeconds(3));
            config.cluster().key().filter(k -> !k.isBlank()).ifPresent(k -> req.header(OwnerForwarding.REPLICA_KEY, k));
            HttpResponse<String> res = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
            return res.statusCode() == 200 ? Arrays.asList(JSON.readValue(res.body(), AgentView[].class)) : List.of();
        } catch (Exception e) {
            Log.warnf("replica %s did not list its agents: %s", peer.base(), e.toString());
            return List.of();
        }
    }
}
