package dev.mowai.runner.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mowai.runner.config.RunnerConfig;
import dev.mowai.runner.protocol.ServiceKey;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.jboss.logging.Logger;

/**
 * Calls the gateway's chat completions. A run of failures opens the circuit so that hundreds of
 * agents do not each wait for a dead gateway; refusals of single requests do not count.
 */
@ApplicationScoped
public class GatewayCaller {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    RunnerConfig config;

    private GatewayApi api;
    private GatewayApi probe;
    private Optional<ServiceKey> gatewayKey;

    @PostConstruct
    void init() {
        gatewayKey = ServiceKey.of("mowai.gateway-key", config.gatewayKey());
        if (gatewayKey.isEmpty()) {
            Logger.getLogger(GatewayCaller.class).warn("mowai.gateway-key is not set: the gateway puts every agent's"
                    + " host-llm calls in its one unsigned queue");
        }
        URI base = URI.create(config.gatewayUrl());
        long llmTimeoutMs = config.runner().llmTimeout().toMillis();
        api = QuarkusRestClientBuilder.newBuilder().baseUri(base)
                .connectTimeout(5, TimeUnit.SECONDS).readTimeout(llmTimeoutMs, TimeUnit.MILLISECONDS)
                .build(GatewayApi.class);
        probe = QuarkusRestClientBuilder.newBuilder().baseUri(base)
                .connectTimeout(2, TimeUnit.SECONDS).readTimeout(3, TimeUnit.SECONDS)
                .build(GatewayApi.class);
    }

    /** The model's reply to {@code prompt} with {@code system} as the system message. */
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.8, delay = 5000, successThreshold = 2,
            skipOn = GatewayRefusal.class)
    public String ask(String agentId, String system, String prompt) {
        GatewayApi.ChatReply reply;
        try {
            reply = api.complete(agentId, signature(agentId, System.currentTimeMillis()), new GatewayApi.ChatRequest(List.of(
                    new GatewayApi.Message("system", system), new GatewayApi.Message("user", prompt)), null));
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            String reason = reason(e);
            if (status == 429) {
                throw new GatewayRefusal("the model is busy: too many of this agent's requests are queued"
                        + (reason.isEmpty() ? "" : " (" + reason + ")") + "; try again later");
            }
            if (status >= 400 && status < 500) {
                throw new GatewayRefusal("the gateway refused the request (HTTP " + status + ")"
                        + (reason.isEmpty() ? "" : ": " + reason));
            }
            throw new IllegalStateException("the gateway failed (HTTP " + status + ")" + (reason.isEmpty() ? "" : ": " + reason));
        }
        if (reply == null || reply.choices() == null || reply.choices().isEmpty()
                || reply.choices().getFirst().message() == null || reply.choices().getFirst().message().content() == null) {
            throw new IllegalStateException("the gateway sent a reply without a message");
        }
        return reply.choices().getFirst().message().content();
    }

    private String signature(String agentId, long now) {
        return gatewayKey.map(key -> signature(key, agentId, now)).orElse(null);
    }

    /** The gateway recomputes it with the key it shares with the runner, and accepts it for a short while. */
    static String signature(ServiceKey key, String agentId, long now) {
        return now + "." + key.sign("mowai-gateway|" + agentId + "|" + now);
    }

    /** Whether the gateway answers {@code GET /v1/models} within a few seconds. */
    public String models() {
        return probe.models();
    }

    private static String reason(WebApplicationException e) {
        try {
            String body = e.getResponse().readEntity(String.class);
            JsonNode node = JSON.readTree(body);
            JsonNode message = node.path("error").path("message");
            String text = message.isTextual() ? message.textValue() : body;
            return text.length() > 300 ? text.substring(0, 300) + "…" : text;
        } catch (RuntimeException | java.io.IOException ignored) {
            return "";
        }
    }
}
