package dev.mowai.gateway.backend;

import dev.mowai.gateway.protocol.Completion;
import dev.mowai.gateway.protocol.Prompt;
import java.util.List;

/**
 * A language model the gateway can call. Calls block (the gateway runs each on its own virtual
 * thread) and must give up promptly once {@code cancel} fires.
 */
public interface LlmBackend extends AutoCloseable {

    /** "ollama", "embedded" or "echo". */
    String name();

    /** The model name reported to clients. */
    String model();

    /** The model names a request may ask for: this backend's own, and any model it stands in for. */
    default List<String> acceptedModels() {
        return List.of(model());
    }

    /**
     * Generates a reply. When {@code tokens} is not null the reply is also delivered piece by piece
     * as the backend produces it.
     *
     * @throws BackendException      the backend failed; the kind says how
     * @throws CallCancelledException {@code cancel} fired
     */
    Completion generate(Prompt prompt, TokenSink tokens, CancelSignal cancel);

    /** Whether the backend can serve now, with a human-readable reason. May do I/O. */
    BackendStatus status();

    @Override
    default void close() {}
}
