package dev.mowai.gateway.backend;

import dev.mowai.gateway.protocol.ChatMessage;
import dev.mowai.gateway.protocol.Completion;
import dev.mowai.gateway.protocol.Prompt;
import io.quarkiverse.langchain4j.ollama.ChatRequest;
import io.quarkiverse.langchain4j.ollama.ChatResponse;
import io.quarkiverse.langchain4j.ollama.Message;
import io.quarkiverse.langchain4j.ollama.OllamaClient;
import io.quarkiverse.langchain4j.ollama.Options;
import io.quarkiverse.langchain4j.ollama.Role;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.ws.rs.WebApplicationException;
import java.net.ConnectException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Ollama through quarkus-langchain4j-ollama's client. We use its low-level client rather than the
 * ChatModel beans because those retry on their own (a dead server then costs three timeouts), ignore
 * per-request options when streaming, and hide Ollama's eval counts; the client does none of that
 * and lets a cancelled stream close its connection, which stops generation in Ollama.
 */
public final class OllamaBackend implements LlmBackend {

    private final OllamaSettings settings;
    private final OllamaClient client;
    private final OllamaAdmin admin;

    public OllamaBackend(OllamaSettings settings, OllamaClient client, OllamaAdmin admin) {
        this.settings = settings;
        this.client = client;
        this.admin = admin;
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
        ChatRequest request = ChatRequest.builder()
                .model(settings.model())
                .messages(prompt.messages().stream().map(OllamaBackend::toOllama).toList())
                .options(Options.builder()
                        .temperature(prompt.temperature() != null ? prompt.temperature() : settings.temperature())
                        .topK(settings.topK()).topP(settings.topP()).seed(settings.seed())
                        .numPredict(numPredict)
                        .stop(settings.stop().isEmpty() ? null : settings.stop())
                        .build())
                .stream(tokens != null)
                .build();
        try {
            return tokens == null ? once(request, numPredict, cancel) : streamed(request, numPredict, tokens, cancel);
        } catch (BackendException | CallCancelledException e) {
            throw e;
        } catch (RuntimeException e) {
            if (cancel.isCancelled()) throw cancel.toException(name());
            throw translate(e);
        }
    }

    private Completion once(ChatRequest request, Integer numPredict, CancelSignal cancel) {
        // The blocking client cannot be aborted; a cancelled caller still frees its slot only when Ollama answers.
        ChatResponse r = client.chat(request);
        if (cancel.isCancelled()) throw cancel.toException(name());
        if (r == null || r.message() == null || r.message().content() == null) {
            throw new BackendException(BackendException.Kind.BAD_RESPONSE, "Ollama replied without a message");
        }
        return completion(r.message().content(), r, numPredict);
    }

    private Completion streamed(ChatRequest request, Integer numPredict, TokenSink tokens, CancelSignal cancel) {
        StringBuilder text = new StringBuilder();
        CompletableFuture<ChatResponse> last = new CompletableFuture<>();
        ChatResponse[] latest = new ChatResponse[1];
        Cancellable subscription = client.streamingChat(request).subscribe().with(
                chunk -> {
                    latest[0] = chunk;
                    String piece = chunk.message() == null ? null : chunk.message().content();
                    if (piece != null && !piece.isEmpty()) {
                        text.append(piece);
                        tokens.accept(piece);
                    }
                },
                last::completeExceptionally,
                () -> last.complete(latest[0]));
        cancel.onCancel(() -> {
            subscription.cancel();
            last.completeExceptionally(cancel.toException(name()));
        });
        try {
            ChatResponse done = last.get();
            if (done == null || !Boolean.TRUE.equals(done.done())) {
                throw new BackendException(BackendException.Kind.BAD_RESPONSE, "Ollama's stream ended without a final \"done\":true chunk");
            }
            return completion(text.toString(), done, numPredict);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new BackendException(BackendException.Kind.BAD_RESPONSE, "Ollama stream failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            subscription.cancel();
            throw new CallCancelledException("interrupted");
        }
    }

    private static Completion completion(String text, ChatResponse r, Integer numPredict) {
        int in = r.promptEvalCount() == null ? 0 : r.promptEvalCount();
        int out = r.evalCount() == null ? 0 : r.evalCount();
        String finish = numPredict != null && out >= numPredict ? "length" : "stop";
        return new Completion(text, in, out, finish);
    }

    private static Message toOllama(ChatMessage m) {
        return Message.builder().role(Role.valueOf(m.role().toUpperCase(Locale.ROOT))).content(m.content()).build();
    }

    private BackendException translate(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof WebApplicationException w && w.getResponse() != null) {
                int status = w.getResponse().getStatus();
                String body = readBody(w);
                if (status == 404) {
                    return new BackendException(BackendException.Kind.MODEL_MISSING,
                            "Ollama does not have model '" + settings.model() + "': run `ollama pull " + settings.model()
                                    + "` or start the gateway with MOWAI_LLM_PULL_MODEL=true", e);
                }
                return new BackendException(BackendException.Kind.BACKEND_ERROR, "Ollama answered HTTP " + status + body, e);
            }
            if (t instanceof ConnectException) {
                return new BackendException(BackendException.Kind.UNAVAILABLE,
                        "Ollama is not reachable at " + settings.baseUrl() + " (connection refused)", e);
            }
            String cls = t.getClass().getSimpleName();
            if (cls.contains("Timeout")) {
                return new BackendException(BackendException.Kind.TIMEOUT,
                        "Ollama did not answer within " + settings.timeout().toSeconds() + " s (quarkus.langchain4j.ollama.timeout)", e);
            }
            if (cls.contains("Closed") || cls.contains("ConnectException")) {
                return new BackendException(BackendException.Kind.UNAVAILABLE,
                        "the connection to Ollama at " + settings.baseUrl() + " failed: " + t.getMessage(), e);
            }
        }
        return new BackendException(BackendException.Kind.BACKEND_ERROR, "Ollama call failed: " + e, e);
    }

    private static String readBody(WebApplicationException w) {
        try {
            String s = w.getResponse().hasEntity() ? w.getResponse().readEntity(String.class) : "";
            return s == null || s.isBlank() ? "" : ": " + (s.length() > 300 ? s.substring(0, 300) + "…" : s.strip());
        } catch (RuntimeException ignored) {
            return "";
        }
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
