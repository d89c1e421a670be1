package dev.mowai.gateway.service;

import dev.mowai.gateway.backend.BackendException;
import dev.mowai.gateway.backend.BackendStatus;
import dev.mowai.gateway.backend.CancelSignal;
import dev.mowai.gateway.backend.TokenSink;
import dev.mowai.gateway.protocol.Completion;
import dev.mowai.gateway.protocol.Prompt;
import dev.mowai.gateway.backend.EchoBackend;
import dev.mowai.gateway.backend.EmbeddedBackend;
import dev.mowai.gateway.backend.LlmBackend;
import dev.mowai.gateway.backend.OllamaAdmin;
import dev.mowai.gateway.backend.OllamaBackend;
import dev.mowai.gateway.backend.OllamaSettings;
import dev.mowai.gateway.config.LlmConfig;
import dev.mowai.gateway.core.BackendChoice;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import io.quarkiverse.langchain4j.ollama.runtime.config.ChatModelConfig;
import io.quarkiverse.langchain4j.ollama.runtime.config.LangChain4jOllamaConfig;
import io.quarkiverse.langchain4j.ollama.runtime.config.LangChain4jOllamaFixedRuntimeConfig;
import org.jboss.logging.Logger;

/** Chooses the backend at start-up (mowai.llm.backend) and, for Ollama, checks or pulls the model. */
@ApplicationScoped
public class ActiveBackend {

    private static final Logger LOG = Logger.getLogger(ActiveBackend.class);

    private final LlmConfig config;
    /** The extension's own view of quarkus.langchain4j.ollama.*, defaults and fallbacks included. */
    private final LangChain4jOllamaConfig ollamaConfig;
    private final LangChain4jOllamaFixedRuntimeConfig ollamaFixedConfig;

    private volatile LlmBackend backend;
    private volatile String pullState;

    ActiveBackend(LlmConfig config, LangChain4jOllamaConfig ollamaConfig, LangChain4jOllamaFixedRuntimeConfig ollamaFixedConfig) {
        this.config = config;
        this.ollamaConfig = ollamaConfig;
        this.ollamaFixedConfig = ollamaFixedConfig;
    }

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

    /** The chosen backend; until start-up has chosen one, every call fails fast as unavailable. */
    public LlmBackend get() {
        LlmBackend b = backend;
        return b != null ? b : STARTING;
    }

    private static final LlmBackend STARTING = new LlmBackend() {
        @Override
        public String name() {
            return "starting";
        }

        @Override
        public String model() {
            return "starting";
        }

        @Override
        public Completion generate(Prompt prompt, TokenSink tokens, CancelSignal cancel) {
            throw new BackendException(BackendException.Kind.UNAVAILABLE, "the gateway is still choosing its backend; retry in a few seconds");
        }

        @Override
        public BackendStatus status() {
            return BackendStatus.down("starting: the backend is being chosen");
        }
    };

    /** Non-null while a start-up pull runs or after it failed. */
    public String pullState() {
        return pullState;
    }

    private LlmBackend choose() {
        boolean ollamaUsable = false;
        OllamaBackend ollama = null;
        if (config.backend() == LlmConfig.Backend.AUTO || config.backend() == LlmConfig.Backend.OLLAMA) {
            ollama = ollama();
            try {
                checkModel(ollama);
                ollamaUsable = true;
            } catch (BackendException e) {
                // With backend=ollama start anyway: readiness stays DOWN and requests fail fast until Ollama is back.
                LOG.warnf("Ollama is not usable now: %s", e.getMessage());
            }
        }
        return switch (BackendChoice.choose(config.backend().name(), ollamaUsable, config.modelFile().isPresent())) {
            case OLLAMA -> ollama;
            case EMBEDDED -> embedded().orElseThrow();
            case ECHO -> new EchoBackend(modelId());
        };
    }

    private Optional<EmbeddedBackend> embedded() {
        return config.modelFile().map(f -> new EmbeddedBackend(f, config.embedded().contextSize(), config.embedded().threads(),
                config.embedded().maxTokens(), config.embedded().temperature()));
    }

    private OllamaBackend ollama() {
        LangChain4jOllamaConfig.OllamaConfig c = ollamaConfig.defaultConfig();
        ChatModelConfig chat = c.chatModel();
        Duration timeout = c.timeout().orElse(Duration.ofSeconds(10));
        boolean logRequests = chat.logRequests().or(c::logRequests).orElse(false);
        boolean logResponses = chat.logResponses().or(c::logResponses).orElse(false);
        OllamaSettings s = new OllamaSettings(c.baseUrl().orElse("http://localhost:11434"),
                modelId(), timeout,
                chat.temperature(), chat.topK(), chat.topP(), chat.seed().orElse(null),
                chat.numPredict().isPresent() ? chat.numPredict().getAsInt() : null, chat.stop().orElse(List.of()),
                logRequests, logResponses);
        return new OllamaBackend(s, new OllamaAdmin(s.baseUrl(), config.probeTimeout()));
    }

    /**
     * The extension fixes model-id at build time and Quarkus then ignores it in the run-time config,
     * so the gateway reads the system property and environment variable itself: deployments switch
     * models with QUARKUS_LANGCHAIN4J_OLLAMA_CHAT_MODEL_MODEL_ID without a rebuild (Quarkus still logs
     * that the build-time value differs; that warning is expected for this key).
     */
    private String modelId() {
        String fromProperty = System.getProperty("quarkus.langchain4j.ollama.chat-model.model-id");
        String fromEnv = System.getenv("QUARKUS_LANGCHAIN4J_OLLAMA_CHAT_MODEL_MODEL_ID");
        if (fromProperty != null && !fromProperty.isBlank()) return fromProperty.strip();
        if (fromEnv != null && !fromEnv.isBlank()) return fromEnv.strip();
        return ollamaFixedConfig.defaultConfig().chatModel().modelId();
    }

    private void checkModel(OllamaBackend b) {
        List<String> present = b.admin().models();
        if (OllamaAdmin.hasModel(present, b.model())) {
            LOG.infof("Ollama has model %s", b.model());
            return;
        }
        if (!config.pullModel()) {
            LOG.warnf("Ollama does not have model %s (present: %s). Run `ollama pull %s` or set MOWAI_LLM_PULL_MODEL=true.",
                    b.model(), present, b.model());
            return;
        }
        pullState = "pulling " + b.model();
        Thread.ofVirtual().name("ollama-pull").start(() -> {
            LOG.infof("pulling %s through Ollama", b.model());
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
