package dev.mowai.gateway.core;

/** Which backend serves, given the configured choice and what is available at start-up. */
public final class BackendChoice {

    public enum Kind { OLLAMA, EMBEDDED, ECHO }

    private BackendChoice() {}

    /**
     * @param configured       auto, ollama, embedded or echo (case-insensitive)
     * @param ollamaUsable     Ollama answered /api/tags (only asked for auto)
     * @param modelFileSet     mowai.llm.model-file is configured
     */
    public static Kind choose(String configured, boolean ollamaUsable, boolean modelFileSet) {
        return switch (configured.toLowerCase(java.util.Locale.ROOT)) {
            case "ollama" -> Kind.OLLAMA;
            case "echo" -> Kind.ECHO;
            case "embedded" -> {
                if (!modelFileSet) {
                    throw new IllegalArgumentException("mowai.llm.backend=embedded needs mowai.llm.model-file (MOWAI_LLM_MODEL_FILE) pointing to a GGUF file");
                }
                yield Kind.EMBEDDED;
            }
            case "auto" -> ollamaUsable ? Kind.OLLAMA : modelFileSet ? Kind.EMBEDDED : Kind.ECHO;
            default -> throw new IllegalArgumentException("mowai.llm.backend must be auto, ollama, embedded or echo (got '" + configured + "')");
        };
    }
}
