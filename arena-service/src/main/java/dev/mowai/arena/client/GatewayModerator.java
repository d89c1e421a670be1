package dev.mowai.arena.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mowai.arena.config.ArenaConfig;
import dev.mowai.arena.protocol.Limits;
import dev.mowai.arena.session.ModeratorPrompt;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Asks the inference gateway, in the moderator persona, for a debate's conclusion. Each attempt has a
 * deadline ({@value #TIMEOUT_KEY}, ms); a gateway that cannot be reached is tried once more after 2 s
 * (it may be restarting), and nothing else is retried: an answer the gateway refused or that timed out
 * would only cost the model the same work twice. The caller records any failure in the transcript.
 */
@ApplicationScoped
public class GatewayModerator {

    static final String TIMEOUT_KEY = "dev.mowai.arena.client.GatewayModerator/conclude/Timeout/value";
    private static final Logger LOG = Logger.getLogger(GatewayModerator.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    @RestClient
    GatewayApi gateway;

    @Inject
    ArenaConfig config;

    @ConfigProperty(name = TIMEOUT_KEY, defaultValue = "120000")
    long timeoutMs;

    private ArenaCaller caller;
    private String persona;

    @PostConstruct
    void init() {
        caller = ArenaCaller.of(config.gatewayArenaKey());
        persona = ModeratorPersona.load();
        if (!caller.signs()) {
            LOG.warn("mowai.gateway-arena-key is not set: the moderator's calls wait in the gateway's unsigned queue");
        }
    }

    public String persona() {
        return persona;
    }

    /** The conclusion, at most {@link Limits#RESPONSE} characters (what an agent's answer may have). */
    @Asynchronous
    @Timeout(120_000)
    @Retry(maxRetries = 1, delay = 2000, retryOn = ProcessingException.class)
    public CompletionStage<String> conclude(ModeratorPrompt prompt) {
        GatewayApi.ChatReply reply = gateway.complete(ArenaCaller.ID, caller.signature(System.currentTimeMillis()),
                new GatewayApi.ChatRequest(List.of(new GatewayApi.Message("system", prompt.system()),
                        new GatewayApi.Message("user", prompt.user())), false, config.moderator().maxTokens()));
        String text = reply == null || reply.choices() == null || reply.choices().isEmpty()
                || reply.choices().getFirst().message() == null ? null : reply.choices().getFirst().message().content();
        if (text == null || text.isBlank()) {
            throw new IllegalStateException("the gateway sent a reply without a conclusion");
        }
        String conclusion = text.strip();
        return CompletableFuture.completedFuture(conclusion.length() <= Limits.RESPONSE ? conclusion
                : conclusion.substring(0, Limits.RESPONSE - 1) + "…");
    }

    /** Why {@link #conclude} failed, in words for the session's transcript. */
    public String reason(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return switch (t) {
            case TimeoutException timeout -> "the gateway did not answer within " + timeoutMs / 1000.0 + " s";
            case WebApplicationException refused -> "the gateway answered HTTP " + refused.getResponse().getStatus()
                    + message(refused);
            case ProcessingException unreachable -> "cannot reach the gateway at " + config.gatewayUrl() + " ("
                    + (unreachable.getCause() != null ? unreachable.getCause().getMessage() : unreachable.getMessage()) + ")";
            default -> t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
        };
    }

    /** The gateway's error.message (an OpenAI-style error body), if it sent one. */
    private static String message(WebApplicationException e) {
        try {
            JsonNode body = JSON.readTree(e.getResponse().readEntity(String.class));
            String m = body.path("error").path("message").asText("");
            return m.isEmpty() ? "" : ": " + (m.length() > 300 ? m.substring(0, 300) + "…" : m);
        } catch (RuntimeException | java.io.IOException unreadable) {
            return "";
        }
    }
}
