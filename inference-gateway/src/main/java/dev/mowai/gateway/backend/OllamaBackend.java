package dev.mowai.gateway.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mowai.gateway.protocol.ChatMessage;
import dev.mowai.gateway.protocol.Completion;
import dev.mowai.gateway.protocol.Prompt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Ollama's {@code POST /api/chat} over the JDK HTTP client, always streamed (NDJSON), also for callers
 * who want one JSON reply. The point is cancellation: a caller that leaves or runs out of time must
 * not hold a GPU slot until Ollama finishes a reply nobody reads. Before the response arrives the
 * request future is cancelled (the JDK client then aborts the exchange); afterwards the body stream
 * is closed. Either way the connection closes and Ollama stops generating. Blocking
 * {@code chat} calls (langchain4j's client) cannot be aborted, and cancelling its reactive stream
 * left a closing connection in the pool that a later call could pick up and fail on.
 */
public final class OllamaBackend implements LlmBackend {

    private static final Logger LOG = Logger.getLogger(OllamaBackend.class);

    private final OllamaSettings settings;
    private final OllamaAdmin admin;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    public OllamaBackend(OllamaSettings settings, OllamaAdmin admin) {
        this.settings = settings;
        this.admin = admin;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(settings.timeout()).build();
    }

    @Override
    public String name() {
        return "ollama";
    }

    @Override
    public String model() {
        return settings.model();
    }

    @Override
    public Completion generate(Prompt prompt, TokenSink tokens, CancelSignal cancel) {
        Integer numPredict = prompt.maxTokens() != null ? prompt.maxTokens() : settings.numPredict();
        String body = requestBody(prompt, numPredict);
        if (settings.logRequests()) LOG.infof("Ollama request: %s", body);
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.baseUrl() + "/api/chat"))
                .timeout(settings.timeout()) // until the response starts; the gateway's request timeout bounds the rest
                .header("Content-Type", "application/json")
                .header("Accept", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        CompletableFuture<HttpResponse<Stream<String>>> sent = http.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        cancel.onCancel(() -> sent.cancel(true));
        HttpResponse<Stream<String>> response;
        try {
            response = sent.join();
        } catch (CancellationException e) {
            throw cancel.toException(name());
        } catch (CompletionException e) {
            if (cancel.isCancelled()) throw cancel.toException(name());
            throw translate(e.getCause());
        }
        try (Stream<String> lines = response.body()) {
            cancel.onCancel(lines::close);
            if (response.statusCode() != 200) throw refused(response.statusCode(), lines);
            return read(lines.iterator(), tokens, numPredict);
        } catch (UncheckedIOException e) {
            if (cancel.isCancelled()) throw cancel.toException(name());
            throw translate(e.getCause());
        } catch (BackendException e) {
            if (cancel.isCancelled()) throw cancel.toException(name());
            throw e;
        }
    }

    private String requestBody(Prompt prompt, Integer numPredict) {
        ObjectNode body = json.createObjectNode().put("model", settings.model()).put("stream", true);
        var messages = body.putArray("messages");
        for (ChatMessage m : prompt.messages()) messages.addObject().put("role", m.role()).put("content", m.content());
        ObjectNode options = body.putObject("options");
        Double temperature = prompt.temperature() != null ? prompt.temperature() : settings.temperature();
        if (temperature != null) options.put("temperature", temperature);
        if (settings.topK() != null) options.put("top_k", settings.topK());
        if (settings.topP() != null) options.put("top_p", settings.topP());
        if (settings.seed() != null) options.put("seed", settings.seed());
        if (numPredict != null) options.put("num_predict", numPredict);
        if (!settings.stop().isEmpty()) settings.stop().forEach(options.putArray("stop")::add);
        return body.toString();
    }

    /** Reads NDJSON chunks until the one that says {@code "done":true}. */
    private Completion read(Iterator<String> lines, TokenSink tokens, Integer numPredict) {
        StringBuilder text = new StringBuilder();
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.isBlank()) continue;
            if (settings.logResponses()) LOG.infof("Ollama response: %s", line);
            JsonNode chunk;
            try {
                chunk = json.readTree(line);
            } catch (IOException e) {
                throw new BackendException(BackendException.Kind.BAD_RESPONSE, "Ollama sent a line that is not JSON: " + abbreviate(line), e);
            }
            if (chunk.hasNonNull("error")) {
                throw new BackendException(BackendException.Kind.BACKEND_ERROR, "Ollama failed mid-reply: " + chunk.get("error").asText());
            }
            String piece = chunk.path("message").path("content").asText("");
            if (!piece.isEmpty()) {
                text.append(piece);
                if (tokens != null) tokens.accept(piece);
            }
            if (chunk.path("done").asBoolean(false)) {
                int in = chunk.path("prompt_eval_count").asInt(0);
                int out = chunk.path("eval_count").asInt(0);
                String finish = numPredict != null && out >= numPredict ? "length" : "stop";
                // Read to the end of the body: closing it early would close a connection the client could reuse.
                lines.forEachRemaining(rest -> { });
                return new Completion(text.toString(), in, out, finish);
            }
        }
        throw new BackendException(BackendException.Kind.BAD_RESPONSE, "Ollama's stream ended without a final \"done\":true chunk");
    }

    private BackendException refused(int status, Stream<String> lines) {
        String body = lines.limit(20).collect(Collectors.joining("\n")).strip();
        if (status == 404) {
            return new BackendException(BackendException.Kind.MODEL_MISSING,
                    "Ollama does not have model '" + settings.model() + "': run `ollama pull " + settings.model()
                            + "` or start the gateway with MOWAI_LLM_PULL_MODEL=true");
        }
        return new BackendException(BackendException.Kind.BACKEND_ERROR,
                "Ollama answered HTTP " + status + (body.isEmpty() ? "" : ": " + abbreviate(body)));
    }

    private BackendException translate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return new BackendException(BackendException.Kind.UNAVAILABLE,
                        "Ollama is not reachable at " + settings.baseUrl() + " (connection refused)", e);
            }
            if (t instanceof HttpTimeoutException) {
                return new BackendException(BackendException.Kind.TIMEOUT,
                        "Ollama did not answer within " + settings.timeout().toSeconds() + " s (quarkus.langchain4j.ollama.timeout)", e);
            }
        }
        if (e instanceof IOException) {
            return new BackendException(BackendException.Kind.UNAVAILABLE,
                    "the connection to Ollama at " + settings.baseUrl() + " failed: " + e.getMessage(), e);
        }
        return new BackendException(BackendException.Kind.BACKEND_ERROR, "Ollama call failed: " + e, e);
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    @Override
    public BackendStatus status() {
        try {
            List<String> models = admin.models();
            if (OllamaAdmin.hasModel(models, settings.model())) {
                return BackendStatus.up("Ollama at " + settings.baseUrl() + " serves " + settings.model());
            }
            return BackendStatus.down("Ollama at " + settings.baseUrl() + " does not have model '" + settings.model()
                    + "' (present: " + models + "); run `ollama pull " + settings.model() + "` or set MOWAI_LLM_PULL_MODEL=true");
        } catch (BackendException e) {
            return BackendStatus.down(e.getMessage());
        }
    }

    public OllamaAdmin admin() {
        return admin;
    }
}
