package dev.mowai.gateway.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Ollama's model-management API: {@code GET /api/tags} (which models are present) and
 * {@code POST /api/pull} (download one, progress as NDJSON). Chat goes through quarkus-langchain4j.
 */
public final class OllamaAdmin {

    private final String baseUrl;
    private final Duration probeTimeout;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    public OllamaAdmin(String baseUrl, Duration probeTimeout) {
        this.baseUrl = baseUrl;
        this.probeTimeout = probeTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(probeTimeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** Names of the models Ollama has, e.g. {@code phi3.5:latest}. */
    public List<String> models() {
        HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl + "/api/tags")).timeout(probeTimeout).GET().build();
        try {
            HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() != 200) {
                throw new BackendException(BackendException.Kind.BACKEND_ERROR,
                        "Ollama at " + baseUrl + " answered GET /api/tags with HTTP " + res.statusCode());
            }
            List<String> names = new ArrayList<>();
            for (JsonNode m : json.readTree(res.body()).path("models")) names.add(m.path("name").asText());
            return names;
        } catch (IOException e) {
            throw mapIo(e, "GET /api/tags");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException(BackendException.Kind.UNAVAILABLE, "interrupted while asking Ollama for its models", e);
        }
    }

    /** Ollama names models {@code name:tag}; a name without a tag means {@code :latest}. */
    public static boolean hasModel(List<String> present, String model) {
        String wanted = model.contains(":") ? model : model + ":latest";
        return present.stream().anyMatch(p -> p.equals(model) || p.equals(wanted));
    }

    /**
     * Pulls {@code model}, reporting each progress line ("pulling manifest", "downloading 42%", …).
     * Blocks until Ollama reports success or an error.
     */
    public void pull(String model, Consumer<String> progress) {
        String body;
        try {
            body = json.writeValueAsString(json.createObjectNode().put("model", model).put("stream", true));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl + "/api/pull"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<java.io.InputStream> res = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
                if (res.statusCode() != 200) {
                    throw new BackendException(BackendException.Kind.BACKEND_ERROR,
                            "Ollama refused to pull " + model + ": HTTP " + res.statusCode() + " " + lines.readLine());
                }
                String line;
                String last = "";
                while ((line = lines.readLine()) != null) {
                    if (line.isBlank()) continue;
                    JsonNode n = json.readTree(line);
                    if (n.hasNonNull("error")) {
                        throw new BackendException(BackendException.Kind.BACKEND_ERROR, "pulling " + model + " failed: " + n.get("error").asText());
                    }
                    last = n.path("status").asText();
                    long total = n.path("total").asLong(0);
                    long done = n.path("completed").asLong(0);
                    progress.accept(total > 0 ? last + " " + (100 * done / total) + "%" : last);
                }
                if (!"success".equals(last)) {
                    throw new BackendException(BackendException.Kind.BAD_RESPONSE, "pulling " + model + " ended without success (last status: " + last + ")");
                }
            }
        } catch (IOException e) {
            throw mapIo(e, "POST /api/pull");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException(BackendException.Kind.UNAVAILABLE, "interrupted while pulling " + model, e);
        }
    }

    private BackendException mapIo(IOException e, String what) {
        if (e instanceof HttpTimeoutException) {
            return new BackendException(BackendException.Kind.TIMEOUT, "Ollama at " + baseUrl + " did not answer " + what + " within " + probeTimeout.toMillis() + " ms", e);
        }
        if (e instanceof ConnectException || e.getCause() instanceof ConnectException) {
            return new BackendException(BackendException.Kind.UNAVAILABLE, "Ollama is not reachable at " + baseUrl + " (connection refused); is `ollama serve` running?", e);
        }
        return new BackendException(BackendException.Kind.UNAVAILABLE, "Ollama at " + baseUrl + " failed on " + what + ": " + e, e);
    }
}
