package dev.mowai.gateway.service;

import dev.mowai.gateway.backend.BackendException;
import dev.mowai.gateway.backend.EchoBackend;
import dev.mowai.gateway.backend.EmbeddedBackend;
import dev.mowai.gateway.backend.LlmBackend;
import dev.mowai.gateway.backend.OllamaAdmin;
import dev.mowai.gateway.backend.OllamaBackend;
import dev.mowai.gateway.backend.OllamaSettings;
import dev.mowai.gateway.config.LlmConfig;
import io.quarkiverse.langchain4j.ollama.OllamaClient;
import io.quarkiverse.langchain4j.runtime.NamedConfigUtil;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Chooses the backend at start-up (mowai.llm.backend) and, for Ollama, checks or pulls the model. */
@ApplicationScoped
public class ActiveBackend {

    private static final Logger LOG = Logger.getLogger(ActiveBackend.class);

    @Inject LlmConfig config;
    @ConfigProperty(name = "quarkus.langchain4j.ollama.base-url", defaultValue = "http://localhost:11434") String baseUrl;
    @ConfigProperty(name = "quarkus.langchain4j.ollama.chat-model.model-id", defaultValue = "phi3.5") String model;
    @ConfigProperty(name = "quarkus.langchain4j.ollama.timeout", defaultValue = "120s") Duration timeout;
    @ConfigProperty(name = "quarkus.langchain4j.ollama.chat-model.temperature", defaultValue = "0.8") Double temperature;
    @ConfigProperty(name = "quarkus.langchain4j.ollama.chat-model.top-k", defaultValue = "40") Integer topK;
    @ConfigProperty(name = "quarkus.langchain4j.ollama.chat-model.top-p", defaultValue = "0.9") Double topP;
    @ConfigProperty(name = "quarkus.langchain4j.ollama.chat-model.seed") Optional<Integer> seed;
    @ConfigProperty(name = "quarkus.langchain4j.ollama.chat-model.num-predict") Optional<Integer> numPredict;
    @ConfigProperty(name = "quarkus.langchain4j.ollama.chat-model.stop") Optional<List<String>> stop;
    @ConfigProperty(name = "quarkus.langchain4j.ollama.log-requests", defaultValue = "false") boolean logRequests;
    @ConfigProperty(name = "quarkus.langchain4j.ollama.log-responses", defaultValue = "false") boolean logResponses;

    private volatile LlmBackend backend;
    private volatile String pullState;

    void onStart(@Observes StartupEvent ev) {
        backend = choose();
        if (backend instanceof EchoBackend) {
            String line = "*".repeat(78);
            LOG.warnf("%n%s%n  ECHO BACKEND ACTIVE: every reply is 'echo: ' + the last user message.%n"
                    + "  No language model answers. Set MOWAI_LLM_BACKEND=ollama (or embedded with%n"
                    + "  MOWAI_LLM_MODEL_FILE) for real replies.%n%s", line, line);
        } else {
            LOG.infof("inference backend: %s, model %s", backend.name(), backend.model());
        }
    }

    void onStop(@Observes ShutdownEvent ev) {
        if (backend != null) backend.close();
    }

    public LlmBackend get() {
        return backend;
    }

    /** Non-null while a start-up pull runs or after it failed. */
    public String pullState() {
        return pullState;
    }

    private LlmBackend choose() {
        return switch (config.backend()) {
            case ECHO -> new EchoBackend();
            case EMBEDDED -> embedded().orElseThrow(() -> new IllegalStateException(
                    "mowai.llm.backend=embedded needs mowai.llm.model-file (MOWAI_LLM_MODEL_FILE) pointing to a GGUF file"));
            case OLLAMA -> ollama(true);
            case AUTO -> {
                OllamaBackend ollama = ollama(false);
                try {
                    ollama.admin().models();
                    checkModel(ollama);
                    yield ollama;
                } catch (BackendException e) {
                    LOG.infof("auto backend: Ollama not usable (%s)", e.getMessage());
                }
                yield embedded().map(b -> (LlmBackend) b).orElseGet(EchoBackend::new);
            }
        };
    }

    private Optional<EmbeddedBackend> embedded() {
        return config.modelFile().map(f -> new EmbeddedBackend(f, config.embedded().contextSize(), config.embedded().threads(),
                config.embedded().maxTokens(), config.embedded().temperature()));
    }

    private OllamaBackend ollama(boolean check) {
        OllamaSettings s = new OllamaSettings(baseUrl, model, timeout, temperature, topK, topP, seed.orElse(null),
                numPredict.orElse(null), stop.orElse(List.of()), logRequests, logResponses);
        OllamaClient client = new OllamaClient(s.baseUrl(), timeout, logRequests, logResponses, false,
                NamedConfigUtil.DEFAULT_NAME, null);
        OllamaBackend b = new OllamaBackend(s, client, new OllamaAdmin(s.baseUrl(), config.probeTimeout()));
        if (check) {
            try {
                checkModel(b);
            } catch (BackendException e) {
                // Start anyway: readiness stays DOWN and requests fail fast until Ollama is back.
                LOG.warnf("Ollama is not ready yet: %s", e.getMessage());
            }
        }
        return b;
    }

    private void checkModel(OllamaBackend b) {
        List<String> present = b.admin().models();
        if (OllamaAdmin.hasModel(present, b.model())) {
            LOG.infof("Ollama at %s has model %s", baseUrl, b.model());
            return;
        }
        if (!config.pullModel()) {
            LOG.warnf("Ollama at %s does not have model %s (present: %s). Run `ollama pull %s` or set MOWAI_LLM_PULL_MODEL=true.",
                    baseUrl, b.model(), present, b.model());
            return;
        }
        pullState = "pulling " + b.model();
        Thread.ofVirtual().name("ollama-pull").start(() -> {
            LOG.infof("pulling %s through Ollama at %s", b.model(), baseUrl);
            String[] lastLogged = {""};
            try {
                b.admin().pull(b.model(), p -> {
                    pullState = "pulling " + b.model() + ": " + p;
                    if (!p.equals(lastLogged[0])) {
                        lastLogged[0] = p;
                        LOG.infof("pull %s: %s", b.model(), p);
                    }
                });
                pullState = null;
                LOG.infof("pulled %s", b.model());
            } catch (BackendException e) {
                pullState = "pull of " + b.model() + " failed: " + e.getMessage();
                LOG.errorf("pull of %s failed: %s", b.model(), e.getMessage());
            }
        });
    }
}
