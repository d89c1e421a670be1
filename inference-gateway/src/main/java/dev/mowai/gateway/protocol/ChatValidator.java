package dev.mowai.gateway.protocol;

import java.util.List;

/** Turns a raw request into a {@link Prompt} or an {@link InvalidRequestException} naming the field and limit. */
public final class ChatValidator {

    private final PromptLimits limits;
    private final String servedModel;
    private final List<String> acceptedModels;

    /**
     * @param servedModel    what answers, reported in every reply's {@code model}
     * @param acceptedModels the names a request may ask for (besides none): the served model and any it stands in for
     */
    public ChatValidator(PromptLimits limits, String servedModel, List<String> acceptedModels) {
        this.limits = limits;
        this.servedModel = servedModel;
        this.acceptedModels = List.copyOf(acceptedModels);
    }

    public Prompt validate(ChatCompletionRequest r) {
        if (r == null) throw new InvalidRequestException("body", "a JSON object with \"messages\" is required");
        if (r.model() != null && !r.model().isEmpty() && !acceptedModels.contains(r.model())) {
            throw new InvalidRequestException("model", "this gateway serves " + String.join(" or ", acceptedModels.stream()
                    .map(m -> "'" + m + "'").toList()) + " (got '" + abbreviate(r.model()) + "')");
        }
        List<ChatMessage> messages = r.messages();
        if (messages == null || messages.isEmpty()) {
            throw new InvalidRequestException("messages", "must contain at least one message");
        }
        if (messages.size() > limits.maxMessages()) {
            throw new InvalidRequestException("messages", "at most " + limits.maxMessages() + " messages allowed (got " + messages.size() + ")");
        }
        long total = 0;
        boolean hasUser = false;
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage m = messages.get(i);
            String at = "messages[" + i + "]";
            if (m == null) throw new InvalidRequestException(at, "must be an object with role and content");
            if (m.role() == null) throw new InvalidRequestException(at + ".role", "is required");
            Role role = Role.fromWire(m.role()).orElseThrow(() -> new InvalidRequestException(at + ".role",
                    "must be one of system, user, assistant (got '" + abbreviate(m.role()) + "')"));
            hasUser |= role == Role.USER;
            if (m.content() == null) throw new InvalidRequestException(at + ".content", "is required");
            if (m.content().length() > limits.maxMessageChars()) {
                throw new InvalidRequestException(at + ".content",
                        "at most " + limits.maxMessageChars() + " characters (got " + m.content().length() + ")");
            }
            total += m.content().length();
        }
        if (total > limits.maxPromptChars()) {
            throw new InvalidRequestException("messages", "the prompt has " + total + " characters; the limit is " + limits.maxPromptChars());
        }
        if (!hasUser) throw new InvalidRequestException("messages", "must contain at least one message with role 'user'");
        Integer maxTokens = r.maxTokens();
        if (maxTokens != null && (maxTokens < 1 || maxTokens > limits.maxTokens())) {
            throw new InvalidRequestException("max_tokens", "must be between 1 and " + limits.maxTokens() + " (got " + maxTokens + ")");
        }
        Double temperature = r.temperature();
        if (temperature != null && !(temperature >= 0 && temperature <= 2)) {
            throw new InvalidRequestException("temperature", "must be between 0 and 2 (got " + temperature + ")");
        }
        return new Prompt(servedModel, messages, maxTokens, temperature, Boolean.TRUE.equals(r.stream()));
    }

    /** Echoing hostile input back in full would let a caller make our error messages huge. */
    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
