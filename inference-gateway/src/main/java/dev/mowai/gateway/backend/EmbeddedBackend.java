package dev.mowai.gateway.backend;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import dev.mowai.gateway.protocol.ChatMessage;
import dev.mowai.gateway.protocol.Completion;
import dev.mowai.gateway.protocol.Prompt;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * llama.cpp in-process (de.kherud:llama, which bundles the native library) running a local GGUF,
 * for laptops without Ollama. The conversation is rendered in Phi-3's chat format, the format of
 * the model the product ships with.
 */
public final class EmbeddedBackend implements LlmBackend {

    private static final String[] STOP = {"<|end|>", "<|user|>", "<|endoftext|>"};

    private final Path modelFile;
    private final LlamaModel model;
    private final int defaultMaxTokens;
    private final float defaultTemperature;

    public EmbeddedBackend(Path modelFile, int contextSize, int threads, int defaultMaxTokens, float defaultTemperature) {
        if (!Files.isRegularFile(modelFile)) {
            throw new IllegalArgumentException("mowai.llm.model-file: no such file: " + modelFile.toAbsolutePath());
        }
        this.modelFile = modelFile;
        this.defaultMaxTokens = defaultMaxTokens;
        this.defaultTemperature = defaultTemperature;
        ModelParameters params = new ModelParameters()
                .setModel(modelFile.toAbsolutePath().toString())
                .setCtxSize(contextSize)
                .setGpuLayers(0);
        if (threads > 0) params.setThreads(threads);
        this.model = new LlamaModel(params);
    }

    @Override
    public String name() {
        return "embedded";
    }

    @Override
    public String model() {
        String file = modelFile.getFileName().toString();
        return file.endsWith(".gguf") ? file.substring(0, file.length() - 5) : file;
    }

    @Override
    public Completion generate(Prompt prompt, TokenSink tokens, CancelSignal cancel) {
        String text = render(prompt);
        int maxTokens = prompt.maxTokens() != null ? prompt.maxTokens() : defaultMaxTokens;
        InferenceParameters params = new InferenceParameters(text)
                .setNPredict(maxTokens)
                .setTemperature(prompt.temperature() != null ? prompt.temperature().floatValue() : defaultTemperature)
                .setStopStrings(STOP);
        int promptTokens = model.encode(text).length;
        StringBuilder reply = new StringBuilder();
        int outputs = 0;
        LlamaIterator it = model.generate(params).iterator();
        cancel.onCancel(it::cancel);
        try {
            while (it.hasNext()) {
                if (cancel.isCancelled()) break;
                LlamaOutput o = it.next();
                outputs++;
                if (o.text.isEmpty()) continue;
                reply.append(o.text);
                if (tokens != null) tokens.accept(o.text);
            }
        } catch (RuntimeException e) {
            if (cancel.isCancelled()) throw cancel.toException(name());
            throw new BackendException(BackendException.Kind.BACKEND_ERROR, "llama.cpp failed: " + e.getMessage(), e);
        }
        if (cancel.isCancelled()) throw cancel.toException(name());
        // In streaming mode llama.cpp sends one output per generated token plus a final "stop" output.
        int out = Math.max(0, outputs - 1);
        return new Completion(reply.toString(), promptTokens, out, out >= maxTokens ? "length" : "stop");
    }

    static String render(Prompt prompt) {
        StringBuilder sb = new StringBuilder();
        for (ChatMessage m : prompt.messages()) {
            sb.append("<|").append(m.role()).append("|>\n").append(m.content()).append("<|end|>\n");
        }
        return sb.append("<|assistant|>\n").toString();
    }

    @Override
    public BackendStatus status() {
        return BackendStatus.up("llama.cpp in-process running " + modelFile.toAbsolutePath());
    }

    @Override
    public void close() {
        model.close();
    }
}
