package dev.mowai.gateway.backend;

import dev.mowai.gateway.protocol.ChatMessage;
import dev.mowai.gateway.protocol.Completion;
import dev.mowai.gateway.protocol.Prompt;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The offline backend: replies exactly {@code "echo: " + the last user message}. For demos and tests
 * only; the gateway says so loudly in its log and health. Token counts are word counts. It stands in
 * for the configured model: requests naming that model (as every OpenAI client sends one) are served,
 * and each reply's {@code model} says "echo", what really answered.
 */
public final class EchoBackend implements LlmBackend {

    public static final String MODEL = "echo";
    private static final Pattern WORD_WITH_SPACE = Pattern.compile("\\S+\\s*|\\s+");

    private final String standsInFor;

    /** @param standsInFor the configured model name (e.g. phi3.5) that requests may ask for */
    public EchoBackend(String standsInFor) {
        this.standsInFor = standsInFor;
    }

    @Override
    public String name() {
        return "echo";
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public List<String> acceptedModels() {
        return standsInFor.isBlank() || standsInFor.equals(MODEL) ? List.of(MODEL) : List.of(MODEL, standsInFor);
    }

    @Override
    public Completion generate(Prompt prompt, TokenSink tokens, CancelSignal cancel) {
        String reply = "echo: " + prompt.lastUserMessage();
        int out = 0;
        Matcher m = WORD_WITH_SPACE.matcher(reply);
        while (m.find()) {
            if (cancel.isCancelled()) throw cancel.toException(name());
            if (tokens != null) tokens.accept(m.group());
            out++;
        }
        int in = prompt.messages().stream().map(ChatMessage::content).mapToInt(EchoBackend::words).sum();
        return new Completion(reply, in, out, "stop");
    }

    @Override
    public BackendStatus status() {
        return BackendStatus.up("ECHO BACKEND: replies are 'echo: ' + the last user message, not a language model");
    }

    private static int words(String s) {
        String t = s.strip();
        return t.isEmpty() ? 0 : t.split("\\s+").length;
    }
}
