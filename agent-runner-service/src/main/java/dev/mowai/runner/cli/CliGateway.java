package dev.mowai.runner.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mowai.runner.client.GatewayApi;
import dev.mowai.runner.core.LlmPort;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;

/**
 * {@code agent run --gateway URL}: host-llm through an inference gateway (or any OpenAI-style chat API)
 * instead of the offline echo, with the same request as the runner sends (system = persona, user = prompt).
 * Plain JDK HTTP: the command line runs without Quarkus.
 */
final class CliGateway implements LlmPort {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI completions;
    private final Duration timeout;
    private final HttpClient http;

    CliGateway(String baseUrl, Duration timeout) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.completions = URI.create((base.contains("://") ? base : "http://" + base) + "/v1/chat/completions");
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    URI completions() {
        return completions;
    }

    @Override
    public Reply complete(String agentId, String systemPrompt, String prompt) {
        try {
            String body = JSON.writeValueAsString(new GatewayApi.ChatRequest(List.of(
                    new GatewayApi.Message("system", systemPrompt), new GatewayApi.Message("user", prompt)), null));
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(completions).timeout(timeout)
                    .header("Content-Type", "application/json").header(GatewayApi.AGENT_HEADER, agentId)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            return reply(r.statusCode(), r.body());
        } catch (ConnectException e) {
            return new Reply.Failed("the inference gateway is unreachable at " + completions);
        } catch (HttpTimeoutException e) {
            return new Reply.Failed("no answer from the model within " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            return new Reply.Failed("the inference gateway could not be reached at " + completions + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply.Failed("interrupted");
        }
    }

    /** The reply text of an OpenAI chat completion, or why there is none. */
    static Reply reply(int status, String body) {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            json = null;
        }
        if (status != 200) {
            JsonNode message = json == null ? null : json.path("error").path("message");
            String reason = message != null && message.isTextual() ? message.textValue() : clip(body);
            return new Reply.Failed("the gateway answered HTTP " + status + (reason.isEmpty() ? "" : ": " + reason));
        }
        JsonNode content = json == null ? null : json.path("choices").path(0).path("message").path("content");
        return content != null && content.isTextual() ? new Reply.Ok(content.textValue())
                : new Reply.Failed("the gateway sent a reply without choices[0].message.content: " + clip(body));
    }

    private static String clip(String s) {
        String t = s == null ? "" : s.strip();
        return t.length() > 300 ? t.substring(0, 300) + "…" : t;
    }
}
